package exchange_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"kabinet/exchange"
)

var update = flag.Bool("update", false, "rewrite docs/exchange/*.schema.json")

// TestSchemasDocumented keeps docs/exchange/<kind>.schema.json equal to the
// kinds' definitions (go test ./exchange -run Schemas -update rewrites them).
func TestSchemasDocumented(t *testing.T) {
	for _, k := range exchange.Kinds() {
		want, err := exchange.Schema(k)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		path := filepath.Join("..", "docs", "exchange", k.Name+".schema.json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s is not the schema of kind %s (go test ./exchange -run Schemas -update): %v", path, k.Name, err)
		}
	}
}
