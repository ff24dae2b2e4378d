package exchangeapi

import (
	"context"
	"net/http"

	"kabinet"
	"kabinet/exchange"
)

// Importer imports one file of a kind the billing system sent.
type Importer interface {
	ImportFile(ctx context.Context, path string, kind *exchange.Kind) (any, error)
}

// handleImport answers POST /{kind}: the body is a file of that kind.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) error {
	if s.importer == nil {
		return kabinet.Errorf(kabinet.EINTERNAL, "Загрузка пока недоступна")
	}
	return kabinet.Errorf(kabinet.ENOTFOUND, "Нет такого вида записей")
}
