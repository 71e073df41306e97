// Package defaulttheme embeds the default theme, so that the showcase binary works without the repository. A
// site's own themes/ folder overrides any of these files (see generator/theme).
package defaulttheme

import "embed"

// FS holds layouts/, i18n/ and static/.
//
//go:embed all:layouts i18n static
var FS embed.FS
