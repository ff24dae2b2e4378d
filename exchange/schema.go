package exchange

import (
	"encoding/json"
)

// Schema returns the JSON Schema (2020-12) of one record of kind k as JSON
// Lines carry it; docs/exchange/<kind>.schema.json are these.
func Schema(k *Kind) ([]byte, error) {
	props := map[string]any{}
	var required []string
	for _, f := range k.Fields {
		p := map[string]any{"description": f.Doc}
		switch f.Type {
		case Int:
			p["type"] = "integer"
		case Money, Area, Tariff:
			p["type"] = "number"
			p["multipleOf"] = map[FieldType]float64{Money: 0.01, Area: 0.01, Tariff: 0.0001}[f.Type]
		case Bool:
			p["type"] = "boolean"
		case Date:
			p["type"], p["format"] = "string", "date"
		case Period:
			p["type"], p["pattern"] = "string", `^\d{4}-(0[1-9]|1[0-2])$`
		case Time:
			p["type"], p["format"] = "string", "date-time"
		default:
			p["type"] = "string"
		}
		if len(f.Values) > 0 && f.Type == Text {
			p["enum"] = f.Values
		}
		if len(f.Values) > 0 && f.Type == Int {
			p["minimum"], p["maximum"] = 1, len(f.Values)
		}
		props[f.Name] = p
		if f.Required {
			required = append(required, f.Name)
		}
	}
	return json.MarshalIndent(map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://kabinet.example/exchange/" + k.Name + ".schema.json",
		"title":                k.Name,
		"description":          k.Doc,
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}, "", "  ")
}
