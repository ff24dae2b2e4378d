package apitest

import "testing"

// The document loads and is valid OpenAPI.
func TestSpecIsValid(t *testing.T) { MustLoad(t) }
