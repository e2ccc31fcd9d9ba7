package gocommon

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
)

// reservedNames are Object.prototype's properties, which @fastify/multipart refuses as part names.
var reservedNames = map[string]bool{
	"constructor": true, "__proto__": true, "toString": true, "toLocaleString": true, "valueOf": true,
	"hasOwnProperty": true, "isPrototypeOf": true, "propertyIsEnumerable": true, "__defineGetter__": true,
	"__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true,
}

// basename is busboy's: whatever follows the last '/' or '\'; "." and ".." become "".
func basename(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	if p == "." || p == ".." {
		return ""
	}
	return p
}

// UploadedFile is one file part as the contract reports it.
type UploadedFile struct {
	Field, Filename string
	Bytes           int64
	Sha256          string
}

// ReadUpload streams every file part of a multipart/form-data body through SHA-256, holding no
// file; it stops at the first file over limit bytes (413), the 1001st part (413), a part named
// after an Object.prototype property (400) or a broken body (400). Plain fields are skipped.
func ReadUpload(contentType string, body io.Reader, limit int64) ([]byte, *HTTPError) {
	_, params, err := mime.ParseMediaType(contentType)
	boundary := params["boundary"]
	if err != nil || boundary == "" {
		return nil, NewError(400, MsgInvalidMultipart)
	}
	counted := &countingReader{r: body}
	r := multipart.NewReader(counted, boundary)
	var files []UploadedFile
	parts := 0
	buf := make([]byte, 64*1024)
	for {
		part, err := r.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			// An empty body has no file; bytes that are not multipart are a broken body.
			if parts == 0 && errors.Is(err, io.EOF) && counted.n == 0 {
				break
			}
			return nil, NewError(400, MsgInvalidMultipart)
		}
		parts++
		if parts > UploadPartsLimit {
			return nil, NewError(413, MsgTooManyParts)
		}
		_, disp, derr := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if derr != nil {
			disp = map[string]string{}
		}
		name, hasName := disp["name"]
		if hasName && reservedNames[name] {
			return nil, NewError(400, MsgReservedPartName)
		}
		filename, hasFilename := disp["filename"]
		if hasFilename {
			filename = basename(filename)
		}
		partType := "text/plain"
		if ct := part.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err == nil {
				partType = mt
			}
		}
		if !(partType == "application/octet-stream" || filename != "") {
			if _, err := io.CopyBuffer(io.Discard, part, buf); err != nil {
				return nil, NewError(400, MsgInvalidMultipart)
			}
			continue
		}
		h := sha256.New()
		var n int64
		for {
			k, rerr := part.Read(buf)
			if k > 0 {
				n += int64(k)
				if n > limit {
					return nil, NewError(413, MsgFileTooLarge(limit))
				}
				h.Write(buf[:k])
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return nil, NewError(400, MsgInvalidMultipart)
			}
		}
		files = append(files, UploadedFile{Field: name, Filename: filename, Bytes: n, Sha256: hex.EncodeToString(h.Sum(nil))})
	}
	if len(files) == 0 {
		return nil, NewError(400, MsgNoFile)
	}
	b := []byte(`{"files":[`)
	for i, f := range files {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = AppendString(b, f.Field)
		b = append(b, `,"filename":`...)
		b = AppendString(b, f.Filename)
		b = append(b, `,"bytes":`...)
		b = strconv.AppendInt(b, f.Bytes, 10)
		b = append(b, `,"sha256":"`...)
		b = append(b, f.Sha256...)
		b = append(b, `"}`...)
	}
	return append(b, "]}"...), nil
}

// EchoBody is POST /echo's answer: the validated order in the schema's key order.
func EchoBody(v *Value) []byte { return AppendBySchema(nil, EchoSchema, v) }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
