package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"kabinet"
)

// translate turns driver errors into the domain's vocabulary, so callers
// never see which engine is underneath: no rows is ENOTFOUND, a unique
// violation ECONFLICT. Anything else passes through wrapped as it is.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return kabinet.Errorf(kabinet.ENOTFOUND, "Не найдено")
	case errors.As(err, &pgErr) && pgErr.Code == "23505",
		strings.Contains(err.Error(), "UNIQUE constraint failed"):
		return fmt.Errorf("%w: %v", kabinet.Errorf(kabinet.ECONFLICT, "Такая запись уже есть"), err)
	case errors.As(err, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05"):
		// NUL or bad UTF-8 that got past the edge: the input's fault.
		return fmt.Errorf("%w: %v", kabinet.Errorf(kabinet.EINVALID, "Введённые данные содержат недопустимые символы."), err)
	}
	return err
}

// notFound returns ENOTFOUND with a message naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kabinet.Errorf(kabinet.ENOTFOUND, "%s не найден", what)
	}
	return translate(err)
}
