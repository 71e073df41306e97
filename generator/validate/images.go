package validate

import (
	"fmt"
	"path"
	"strings"

	"github.com/hkshopendata/showcase/generator/load"
)

// DefaultImageKB is the size in KiB above which an image is reported, when site.yaml sets no limits.image_kb.
const DefaultImageKB = 1024

// ImageTooLarge returns a warning's message and hint when the content file rel (an image, relative to the content
// root) is larger than site.yaml's limits.image_kb; "" when it is not (or is no file).
func (c *Content) ImageTooLarge(rel string) (msg, hint string) {
	return imageTooLarge(c.Files, c.Display, rel, c.Site.Limits.ImageKB)
}

func imageTooLarge(files map[string]load.FileInfo, display, rel string, limitKB int) (msg, hint string) {
	f, ok := files[rel]
	if !ok || limitKB < 1 || f.Size <= int64(limitKB)<<10 {
		return "", ""
	}
	kb := (f.Size + 1<<10 - 1) >> 10 // rounded up: a file just over the limit never shows as the limit itself
	msg = fmt.Sprintf("image %s is %d KiB; the limit is %d KiB", path.Join(display, rel), kb, limitKB)
	switch strings.ToLower(path.Ext(rel)) {
	case ".svg":
		hint = "simplify the drawing or minify it (e.g. with svgo)"
	case ".png", ".gif":
		hint = "scale it down to at most 2000 pixels wide, or save a photo as JPEG or WebP"
	default:
		hint = "scale it down to at most 2000 pixels wide and save it at quality 80"
	}
	return msg, hint + "; or raise limits.image_kb in site.yaml"
}
