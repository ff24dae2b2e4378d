package app

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"kabinet/sqlstore"
)

// newRegistry is /metrics' registry: the Go runtime, the process and the
// database pools (the writer and, on SQLite, the readers).
func newRegistry(db *sqlstore.DB) *prometheus.Registry {
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	write, read := db.Pools()
	registry.MustRegister(collectors.NewDBStatsCollector(write, "write"))
	if read != write {
		registry.MustRegister(collectors.NewDBStatsCollector(read, "read"))
	}
	return registry
}
