package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/exchange"
	"kabinet/requests"
	"kabinet/sqlstore"
)

// exportFlags are the flags of `kabinet export`.
type exportFlags struct {
	to, since, format, encoding string
}

func (f *exportFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.to, "to", "", "the directory to write the export into")
	fs.StringVar(&f.since, "since", "", "the cursor of the last export taken (default: the cursor file in --to, else from the beginning)")
	fs.StringVar(&f.format, "format", "csv", "csv or jsonl")
	fs.StringVar(&f.encoding, "encoding", "utf-8", "the CSV files' encoding: utf-8 or windows-1251")
}

func (f *exportFlags) options() (exchange.DirOptions, error) {
	var o exchange.DirOptions
	switch f.format {
	case "csv", "jsonl":
		o.Encoding = exchange.Encoding(f.format)
	default:
		return o, fmt.Errorf("--format is csv or jsonl, not %q", f.format)
	}
	switch f.encoding {
	case "utf-8", "utf8":
	case "windows-1251", "cp1251":
		o.Windows1251 = true
	default:
		return o, fmt.Errorf("--encoding is utf-8 or windows-1251, not %q", f.encoding)
	}
	return o, nil
}

// export writes what customers did after the cursor into a directory
// (`kabinet export --to DIR [--since CURSOR]`): a file per outgoing kind,
// the requests' files, and the new cursor, with a line per kind on out.
func export(ctx context.Context, cfg Config, f exportFlags, out io.Writer) error {
	if f.to == "" {
		return fmt.Errorf("usage: kabinet export --to DIR [--since CURSOR] [--format csv|jsonl] [--encoding utf-8|windows-1251]")
	}
	o, err := f.options()
	if err != nil {
		return err
	}
	since, err := exchange.ParseCursor(f.since)
	if f.since == "" {
		since, err = exchange.ReadCursor(f.to)
	}
	if err != nil {
		return err
	}
	o.Progress = func(k *exchange.Kind, n int) { fmt.Fprintf(out, "  %-20s %d\n", k.Name, n) }
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		x, err := exporter(db, cfg)
		if err != nil {
			return err
		}
		e, err := x.Start(ctx, "cli", since)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "export after cursor %d to %s (%d new changes):\n", since, f.to, e.Changes)
		if _, err := x.ToDir(ctx, e, f.to, o); err != nil {
			return err
		}
		fmt.Fprintf(out, "cursor %d written to %s\n", e.Cursor, filepath.Join(f.to, exchange.CursorFile))
		return nil
	})
}

// exporter is the export with the requests' files from the configured
// store. The requests service is built only to open them.
func exporter(db *sqlstore.DB, cfg Config) (*exchange.Exporter, error) {
	files, err := app.NewFiles(context.Background(), cfg, db)
	if err != nil {
		return nil, err
	}
	return &exchange.Exporter{Store: db, Files: requests.New(db, files, nil, nil, nil, requests.DefaultConfig(), kabinet.Calendar{})}, nil
}
