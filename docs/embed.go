// Package docs embeds the OpenAPI document, which the server serves and
// the tests hold every response to.
package docs

import _ "embed"

// OpenAPI is docs/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
