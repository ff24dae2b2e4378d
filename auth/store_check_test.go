package auth_test

import (
	"kabinet/auth"
	"kabinet/sqlstore"
)

var _ auth.Store = (*sqlstore.DB)(nil)
