package filestore

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"kabinet"
)

// S3Config reaches an S3-compatible object store.
type S3Config struct {
	Endpoint  string // host:port of the service
	AccessKey string
	SecretKey string
	Region    string
	Insecure  bool // plain HTTP (a service on a private network or a test)
}

// S3 is a file store in a bucket of an S3-compatible object store: each
// key is an object under Prefix.
type S3 struct {
	client *minio.Client
	Bucket string
	Prefix string
	spool  string // where an upload is held until its size is known
}

// NewS3 returns a store for location "s3://bucket/prefix", staging
// uploads in spool (a local directory) so that an object is sent whole,
// with its size, or not at all.
func NewS3(location string, cfg S3Config, spool string) (*S3, error) {
	u, err := url.Parse(location)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("filestore: %q is not s3://bucket/prefix", location)
	}
	if cfg.Endpoint == "" {
		return nil, fmt.Errorf("filestore: an S3 store needs its endpoint")
	}
	c, err := minio.New(cfg.Endpoint, &minio.Options{Secure: !cfg.Insecure, Region: cfg.Region,
		Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	if err := os.MkdirAll(spool, 0o750); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	prefix := strings.Trim(u.Path, "/")
	if prefix != "" {
		prefix += "/"
	}
	return &S3{client: c, Bucket: u.Host, Prefix: prefix, spool: spool}, nil
}

// Check tells whether the bucket can be reached, at start.
func (s *S3) Check(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.Bucket)
	if err == nil && !ok {
		err = fmt.Errorf("no bucket %q", s.Bucket)
	}
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	return nil
}

// Put sends r as the object of key and returns its size. The content is
// held in a temporary file first: an error from r (a size limit) sends
// nothing, and memory holds no more than a copy buffer.
func (s *S3) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	if err := checkKey(key); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(s.spool, "s3-*")
	if err != nil {
		return 0, fmt.Errorf("filestore: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, r)
	if err != nil {
		return 0, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	_, err = s.client.PutObject(ctx, s.Bucket, s.Prefix+key, tmp, n,
		minio.PutObjectOptions{ContentType: "application/octet-stream", DisableMultipart: true})
	if err != nil {
		return 0, fmt.Errorf("filestore: put %s: %w", key, err)
	}
	return n, nil
}

// Open returns the object of key; a missing one is ENOTFOUND.
func (s *S3) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.Bucket, s.Prefix+key, minio.GetObjectOptions{})
	if err == nil {
		_, err = obj.Stat() // GetObject is lazy: ask now, to tell a missing object
	}
	if err != nil {
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
		}
		return nil, fmt.Errorf("filestore: open %s: %w", key, err)
	}
	return obj, nil
}

// Delete removes the object of key; a missing one is no error.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	return s.client.RemoveObject(ctx, s.Bucket, s.Prefix+key, minio.RemoveObjectOptions{})
}

// List calls fn with every key under prefix and when it was written.
func (s *S3) List(ctx context.Context, prefix string, fn func(key string, at time.Time) error) error {
	for obj := range s.client.ListObjects(ctx, s.Bucket, minio.ListObjectsOptions{Prefix: s.Prefix + prefix, Recursive: true}) {
		if obj.Err != nil {
			return obj.Err
		}
		if err := fn(strings.TrimPrefix(obj.Key, s.Prefix), obj.LastModified); err != nil {
			return err
		}
	}
	return nil
}
