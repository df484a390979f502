package cli

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"unicode/utf16"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

// passwordEnv is the environment variable that holds the PFX password when
// --sign-password-file is not given.
const passwordEnv = "HYBRIDC_SIGN_PASSWORD"

// signingHelp explains the signing flags; compile and sign include it.
const signingHelp = `
Signing: --sign-pfx FILE, or --sign-cert FILE with --sign-key FILE, signs
with Authenticode, as Set-AuthenticodeSignature does, so that the scripts run
under the AllSigned execution policy. The key is loaded and checked before
anything else is done: the password, that the key matches the certificate,
and the signer policy: an end-entity certificate (not CA:TRUE) with the Code
Signing usage, an RSA key of 2048 bits or more or an ECDSA P-256/P-384 key,
no certificate of the chain signed with SHA-1 or MD5, valid now. On any
problem nothing is written (exit 2).

The PFX password comes from --sign-password-file FILE (one trailing newline
is ignored; UTF-8, or UTF-16 with byte-order mark as Out-File writes it) or,
without that flag, from the environment variable ` + passwordEnv + `.
No flag takes the password itself, so it never shows in the process list or
the shell history; hybridc never prints it or the private key.

--timestamp-url is off by default: signing then needs no network and is
deterministic (the same script and key always give the same bytes), but the
signature stops validating when the certificate expires, and the scripts must
be signed again with a renewed certificate. With --timestamp-url URL an
RFC 3161 timestamp authority countersigns over the network at signing time,
and the signature stays valid after the certificate expires.
`

// signFlags are the signing flags of compile and sign.
type signFlags struct {
	fs           *flag.FlagSet
	pfx          string
	passwordFile string
	cert, key    string
	hash         string
	timestampURL string
}

// addSignFlags defines the signing flags on fs.
func addSignFlags(fs *flag.FlagSet) *signFlags {
	f := &signFlags{fs: fs}
	fs.StringVar(&f.pfx, "sign-pfx", "", "sign with the key and certificates in this PKCS#12 `file` (.pfx, .p12)")
	fs.StringVar(&f.passwordFile, "sign-password-file", "", "read the --sign-pfx password from this `file` (default: the "+passwordEnv+" environment variable)")
	fs.StringVar(&f.cert, "sign-cert", "", "sign with this PEM certificate `file`, which may be followed by intermediates (needs --sign-key)")
	fs.StringVar(&f.key, "sign-key", "", "unencrypted PEM private key `file` of --sign-cert (PKCS#8, PKCS#1 or SEC1)")
	fs.StringVar(&f.hash, "sign-hash", "sha256", "signature digest `algorithm`: sha256, sha384 or sha512")
	fs.StringVar(&f.timestampURL, "timestamp-url", "", "RFC 3161 timestamp authority `URL`, so that signatures outlive the certificate (needs network; default: no timestamp)")
	return f
}

// wanted reports whether a key to sign with was given.
func (f *signFlags) wanted() bool { return f.pfx != "" || f.cert != "" || f.key != "" }

// signing is a loaded, checked key with the options to sign with.
type signing struct {
	signer *authenticode.Signer
	opt    authenticode.Options
}

// sign signs one script, replacing a signature at its end.
func (s *signing) sign(script []byte) ([]byte, error) {
	return s.signer.Sign(script, s.opt)
}

// load checks the combination of signing flags and loads and checks the
// key. It returns nil and no error when no key was given (and no other
// signing flag either). Its errors never contain the password or key
// material; callers exit with ExitUsage.
func (f *signFlags) load(e *env) (*signing, error) {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if !f.wanted() {
		for _, name := range []string{"sign-password-file", "sign-hash", "timestamp-url"} {
			if set[name] {
				return nil, fmt.Errorf("--%s needs --sign-pfx, or --sign-cert and --sign-key", name)
			}
		}
		return nil, nil
	}
	switch {
	case f.pfx != "" && (f.cert != "" || f.key != ""):
		return nil, errors.New("give either --sign-pfx or --sign-cert and --sign-key, not both")
	case f.pfx == "" && (f.cert == "" || f.key == ""):
		return nil, errors.New("--sign-cert and --sign-key go together (give the same file twice if it holds both)")
	case f.pfx == "" && f.passwordFile != "":
		return nil, errors.New("--sign-password-file is for --sign-pfx; PEM private keys must be unencrypted")
	}
	h, err := parseHash(f.hash)
	if err != nil {
		return nil, err
	}
	if f.timestampURL != "" {
		if err := checkTimestampURL(f.timestampURL); err != nil {
			return nil, err
		}
	}
	var signer *authenticode.Signer
	if f.pfx != "" {
		signer, err = f.loadPFX(e)
	} else {
		signer, err = f.loadPEM()
	}
	if err != nil {
		return nil, err
	}
	s := &signing{signer: signer, opt: authenticode.Options{Hash: h, TimestampURL: f.timestampURL}}
	if err := signer.Check(s.opt); err != nil {
		return nil, fmt.Errorf("cannot sign with %s: %w", certName(signer.Certificate()), err)
	}
	return s, nil
}

// loadPFX reads the PFX file and its password.
func (f *signFlags) loadPFX(e *env) (*authenticode.Signer, error) {
	pfx, err := os.ReadFile(f.pfx)
	if err != nil {
		return nil, fmt.Errorf("--sign-pfx: %w", err)
	}
	password, fromSomewhere := "", false
	if f.passwordFile != "" {
		data, err := os.ReadFile(f.passwordFile)
		if err != nil {
			return nil, fmt.Errorf("--sign-password-file: %w", err)
		}
		if password, err = passwordFromFile(data); err != nil {
			return nil, fmt.Errorf("--sign-password-file %s: %w", f.passwordFile, err)
		}
		fromSomewhere = true
	} else if e.getenv != nil {
		password = e.getenv(passwordEnv)
		fromSomewhere = password != ""
	}
	signer, err := authenticode.LoadPFX(pfx, password)
	switch {
	case err == nil:
		return signer, nil
	case errors.Is(err, authenticode.ErrWrongPassword) && !fromSomewhere:
		return nil, fmt.Errorf("cannot open %s: it needs a password; give --sign-password-file FILE or set %s", f.pfx, passwordEnv)
	case errors.Is(err, authenticode.ErrWrongPassword) && f.passwordFile != "":
		return nil, fmt.Errorf("cannot open %s with the password in %s: %w", f.pfx, f.passwordFile, err)
	case errors.Is(err, authenticode.ErrWrongPassword):
		return nil, fmt.Errorf("cannot open %s with the password in %s: %w", f.pfx, passwordEnv, err)
	}
	return nil, fmt.Errorf("cannot sign with %s: %w", f.pfx, err)
}

// loadPEM reads the PEM certificate (bundle) and key files.
func (f *signFlags) loadPEM() (*authenticode.Signer, error) {
	certPEM, err := os.ReadFile(f.cert)
	if err != nil {
		return nil, fmt.Errorf("--sign-cert: %w", err)
	}
	keyPEM, err := os.ReadFile(f.key)
	if err != nil {
		return nil, fmt.Errorf("--sign-key: %w", err)
	}
	signer, err := authenticode.LoadPEM(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("cannot sign with %s and %s: %w", f.cert, f.key, err)
	}
	return signer, nil
}

// passwordFromFile returns the password in a password file's contents:
// UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark, as
// Windows PowerShell's Out-File writes it, without one trailing newline
// (LF or CRLF).
func passwordFromFile(data []byte) (string, error) {
	var text string
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if len(data)%2 != 0 {
			return "", errors.New("UTF-16 text with an odd number of bytes")
		}
		order := binary.ByteOrder(binary.LittleEndian)
		if data[0] == 0xFE {
			order = binary.BigEndian
		}
		u := make([]uint16, 0, len(data)/2-1)
		for i := 2; i < len(data); i += 2 {
			u = append(u, order.Uint16(data[i:]))
		}
		text = string(utf16.Decode(u))
	default:
		text = string(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))
	}
	if t, ok := strings.CutSuffix(text, "\r\n"); ok {
		return t, nil
	}
	return strings.TrimSuffix(text, "\n"), nil
}

// parseHash reads --sign-hash.
func parseHash(name string) (crypto.Hash, error) {
	switch strings.ReplaceAll(strings.ToLower(name), "-", "") {
	case "sha256":
		return crypto.SHA256, nil
	case "sha384":
		return crypto.SHA384, nil
	case "sha512":
		return crypto.SHA512, nil
	case "sha1":
		return 0, errors.New("--sign-hash sha1 is refused: SHA-1 is broken and Windows no longer trusts SHA-1 code signatures; use sha256 (the default), sha384 or sha512")
	}
	return 0, fmt.Errorf("--sign-hash %q is not supported: use sha256 (the default), sha384 or sha512", name)
}

// checkTimestampURL refuses a --timestamp-url that is not an HTTP(S) URL.
// The URL is not echoed: it may hold credentials.
func checkTimestampURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("--timestamp-url must be an http:// or https:// URL of an RFC 3161 timestamp authority")
	}
	return nil
}

// certName names a certificate by its subject's common name, or its whole
// subject when it has none.
func certName(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	return c.Subject.String()
}
