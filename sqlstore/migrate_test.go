package sqlstore

import "testing"

func TestMigrationNumbersAreDistinct(t *testing.T) {
	if err := distinctVersions([]string{"m/0030_a.sql", "m/0031_b.sql"}); err != nil {
		t.Errorf("distinct numbers refused: %v", err)
	}
	if err := distinctVersions([]string{"m/0030_a.sql", "m/0030_b.sql"}); err == nil {
		t.Error("two migrations numbered 0030 were accepted")
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		names, err := migrationNames(engine)
		if err != nil {
			t.Fatal(err)
		}
		if err := distinctVersions(names); err != nil {
			t.Errorf("%s: %v", engine, err)
		}
	}
}
