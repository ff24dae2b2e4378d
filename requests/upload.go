package requests

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"kabinet"
)

// Upload gathers the files of one request as they stream in: each is
// checked by its content, written to the file store with a size limit,
// and never held in memory whole. Until the request is saved the files
// are the upload's; Discard removes them when the request is not.
type Upload struct {
	s       *Service
	atts    []*kabinet.Attachment
	keys    []string
	count   int
	refused string
}

// NewUpload starts the files of one request.
func (s *Service) NewUpload() *Upload { return &Upload{s: s} }

// Attachments are the files stored so far.
func (u *Upload) Attachments() []*kabinet.Attachment { return u.atts }

// fileType is an accepted kind of file: its content type, the magic bytes
// that open it and the extensions its name may have.
type fileType struct {
	name, contentType string
	magic             [][]byte
	exts              []string
}

// fileTypes are FEED-2's PDF, JPG, JPEG, PNG, TIF, TIFF. A TIFF is only
// recognised by its first bytes and passed on: it is never decoded here.
var fileTypes = []fileType{
	{"PDF", "application/pdf", [][]byte{[]byte("%PDF-")}, []string{".pdf"}},
	{"JPEG", "image/jpeg", [][]byte{{0xFF, 0xD8, 0xFF}}, []string{".jpg", ".jpeg"}},
	{"PNG", "image/png", [][]byte{[]byte("\x89PNG\r\n\x1a\n")}, []string{".png"}},
	{"TIFF", "image/tiff", [][]byte{[]byte("II*\x00"), []byte("MM\x00*")}, []string{".tif", ".tiff"}},
}

// AllowedTypes is how the forms name the accepted files.
const AllowedTypes = "PDF, JPG, JPEG, PNG, TIF, TIFF"

// byExt is the accepted type of a file name's extension.
func byExt(name string) (fileType, bool) {
	ext := strings.ToLower(path.Ext(name))
	for _, t := range fileTypes {
		for _, e := range t.exts {
			if e == ext {
				return t, true
			}
		}
	}
	return fileType{}, false
}

// byContent is the accepted type whose magic bytes open head.
func byContent(head []byte) (fileType, bool) {
	for _, t := range fileTypes {
		for _, m := range t.magic {
			if bytes.HasPrefix(head, m) {
				return t, true
			}
		}
	}
	return fileType{}, false
}

// Refused is why a file was refused, "" if none was: the request is then
// refused with it beside the files, and nothing is saved.
func (u *Upload) Refused() string { return u.refused }

// Refuse records a refusal found outside Add (the form as a whole was
// too big).
func (u *Upload) Refuse(msg string) {
	if u.refused == "" {
		u.refused = msg
	}
}

// Add checks and stores one file as it is read from r. name is the file's
// name exactly as the browser sent it. A refusal is an EINVALID error
// whose message names the file and says why, in Russian, and is kept as
// Refused; the files added before stay until Discard.
func (u *Upload) Add(ctx context.Context, name string, r io.Reader) error {
	err := u.add(ctx, name, r)
	if kabinet.ErrorCode(err) == kabinet.EINVALID {
		u.Refuse(kabinet.ErrorMessage(err))
	}
	return err
}

func (u *Upload) add(ctx context.Context, name string, r io.Reader) error {
	u.count++
	if u.count > u.s.cfg.MaxFiles {
		return kabinet.Errorf(kabinet.EINVALID, "Можно прикрепить не больше %d файлов.", u.s.cfg.MaxFiles)
	}
	// Direction controls make a name read other than it is («…\u202Efdp.exe»
	// shows as «…exe.pdf»): they go before the name is checked and kept.
	name = kabinet.StripBidi(name)
	if err := checkName(name); err != nil {
		return err
	}
	want, ok := byExt(name)
	if !ok {
		return kabinet.Errorf(kabinet.EINVALID, "Файл «%s» нельзя прикрепить: подходят только файлы %s.", name, AllowedTypes)
	}
	br := bufio.NewReaderSize(r, 512)
	head, _ := br.Peek(16)
	if len(head) == 0 {
		return kabinet.Errorf(kabinet.EINVALID, "Файл «%s» пустой.", name)
	}
	if got, ok := byContent(head); !ok {
		return kabinet.Errorf(kabinet.EINVALID, "Файл «%s» по содержимому не %s и вообще не PDF, JPEG, PNG или TIFF. Прикрепите скан или фотографию документа.", name, want.name)
	} else if got.name != want.name {
		return kabinet.Errorf(kabinet.EINVALID, "Файл «%s» по содержимому — %s, а не %s. Проверьте, тот ли это файл, или исправьте его расширение.", name, got.name, want.name)
	}
	key, err := newKey()
	if err != nil {
		return err
	}
	n, err := u.s.files.Put(ctx, key, &capped{r: br, left: u.s.cfg.MaxFileSize})
	if errors.Is(err, errTooLarge) {
		return kabinet.Errorf(kabinet.EINVALID, "Файл «%s» больше %d Мб: уменьшите его или разделите на части.", name, u.s.cfg.MaxFileSize>>20)
	} else if err != nil {
		return fmt.Errorf("store attachment: %w", err)
	}
	u.keys = append(u.keys, key)
	u.atts = append(u.atts, &kabinet.Attachment{Name: name, ContentType: want.contentType, Size: n, Key: key})
	return nil
}

// Discard removes the files stored so far: their request was not saved.
func (u *Upload) Discard(ctx context.Context) {
	for _, k := range u.keys {
		_ = u.s.files.Delete(ctx, k) // an orphan costs disk, not correctness
	}
	u.keys, u.atts = nil, nil
}

// checkName refuses a name that is not a plain file name: browsers send
// the name alone, so a path in it is a crafted request or a broken client.
func checkName(name string) error {
	bad := name == "" || len(name) > 255 || !utf8.ValidString(name) || strings.ContainsAny(name, `/\:`) ||
		strings.Contains(name, "..") || strings.HasPrefix(name, ".") ||
		strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) })
	if bad {
		return kabinet.Errorf(kabinet.EINVALID, "Недопустимое имя файла «%s»: имя не должно содержать путь, «..», «/», «\\» или служебные символы. Переименуйте файл.", printable(name))
	}
	return nil
}

// printable shortens a refused name and drops its control characters so
// that the message can show it.
func printable(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80]) + "…"
	}
	return name
}

// newKey is a fresh file-store key: random, so that nothing a customer
// sends ends up in a path.
func newKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	h := hex.EncodeToString(b)
	return keyPrefix + h[:2] + "/" + h, nil
}

// keyPrefix opens every key of a request's file.
const keyPrefix = "requests/"

var errTooLarge = errors.New("attachment too large")

// capped passes at most left bytes through and fails past them, so the
// file store stops writing a file that is too big.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, errTooLarge
	}
	return n, err
}
