package authenticode

import (
	"bytes"
	"crypto"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// sampleScript is a typical hybridc output: UTF-8 with BOM, CRLF.
const sampleScript = "\ufeff# test\r\nWrite-Host 'hello'\r\n"

// nonASCIIScript holds text that differs between UTF-8 and UTF-16.
const nonASCIIScript = "\ufeff# Zürich – it’s signed\r\nWrite-Host 'Grüße aus Zürich’'\r\n"

// toUTF16LE returns s as UTF-16LE (a leading U+FEFF becomes FF FE).
func toUTF16LE(s string) []byte { return appendUTF16LE(nil, s) }

func TestSignVerifyRoundTrip(t *testing.T) {
	roots := testRoots(t)
	tests := []struct {
		name   string
		signer string
		hash   crypto.Hash
		script []byte
		want   crypto.Hash
	}{
		{name: "rsa default hash", signer: "rsa", hash: 0, script: []byte(sampleScript), want: crypto.SHA256},
		{name: "rsa sha256", signer: "rsa", hash: crypto.SHA256, script: []byte(sampleScript), want: crypto.SHA256},
		{name: "rsa sha384", signer: "rsa", hash: crypto.SHA384, script: []byte(sampleScript), want: crypto.SHA384},
		{name: "rsa sha512", signer: "rsa", hash: crypto.SHA512, script: []byte(sampleScript), want: crypto.SHA512},
		{name: "ecdsa sha256", signer: "ecdsa", hash: crypto.SHA256, script: []byte(sampleScript), want: crypto.SHA256},
		{name: "ecdsa sha384", signer: "ecdsa", hash: crypto.SHA384, script: []byte(sampleScript), want: crypto.SHA384},
		{name: "ecdsa sha512", signer: "ecdsa", hash: crypto.SHA512, script: []byte(sampleScript), want: crypto.SHA512},
		{name: "rsa non-ASCII", signer: "rsa", script: []byte(nonASCIIScript), want: crypto.SHA256},
		{name: "ecdsa non-ASCII", signer: "ecdsa", script: []byte(nonASCIIScript), want: crypto.SHA256},
		{name: "rsa UTF-16LE", signer: "rsa", script: toUTF16LE(nonASCIIScript), want: crypto.SHA256},
		{name: "ASCII without BOM", signer: "rsa", script: []byte("Write-Host 'hi'"), want: crypto.SHA256},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSigner(t, tc.signer)
			signed, err := s.Sign(tc.script, Options{Hash: tc.hash})
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if !bytes.HasPrefix(signed, tc.script) {
				t.Fatal("signed script does not start with the unsigned script")
			}
			res, err := Verify(signed, VerifyOptions{Roots: roots})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if !res.Signer.Equal(s.Certificate()) || res.Hash != tc.want || !res.Trusted || res.Timestamped {
				t.Errorf("result = signer %s, hash %v, trusted %v, timestamped %v", res.Signer.Subject, res.Hash, res.Trusted, res.Timestamped)
			}
			if len(res.Chain) != 3 {
				t.Errorf("verified chain has %d certificates, want leaf, intermediate, root", len(res.Chain))
			}
			untrusted, err := Verify(signed, VerifyOptions{})
			if err != nil {
				t.Fatalf("Verify without roots: %v", err)
			}
			if untrusted.Trusted || len(untrusted.Chain) != 2 {
				t.Errorf("without roots: trusted %v, %d embedded certificates (want leaf + intermediate, no root)", untrusted.Trusted, len(untrusted.Chain))
			}
			body, ok := Strip(signed)
			if !ok || !bytes.Equal(body, tc.script) {
				t.Errorf("Strip = %q, %v; want the unsigned script", body, ok)
			}
		})
	}
}

func TestSignBlockLayout(t *testing.T) {
	tests := []struct {
		name   string
		script []byte
		decode func([]byte) string
	}{
		{name: "UTF-8", script: []byte(sampleScript), decode: func(b []byte) string { return string(b) }},
		{name: "UTF-16LE", script: toUTF16LE(sampleScript), decode: func(b []byte) string {
			s, err := encUTF16LE.decode(b)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := loadSigner(t, "rsa").Sign(tc.script, Options{})
			if err != nil {
				t.Fatal(err)
			}
			block := tc.decode(signed[len(tc.script):])
			if !strings.HasPrefix(block, "\r\n# SIG # Begin signature block\r\n# MII") ||
				!strings.HasSuffix(block, "\r\n# SIG # End signature block\r\n") {
				t.Fatalf("unexpected block layout:\n%q", block)
			}
			lines := strings.Split(strings.TrimSuffix(block, "\r\n"), "\r\n")[2:]
			for i, l := range lines[:len(lines)-2] {
				if len(l) != 2+lineWidth {
					t.Errorf("line %d has %d characters, want %d", i, len(l), 2+lineWidth)
				}
			}
		})
	}
}

func TestSignDeterministic(t *testing.T) {
	tests := []struct {
		name   string
		signer string
		hash   crypto.Hash
		script []byte
	}{
		{name: "rsa", signer: "rsa", script: []byte(sampleScript)},
		{name: "ecdsa p256 sha256", signer: "ecdsa", script: []byte(sampleScript)},
		{name: "ecdsa p256 sha512", signer: "ecdsa", hash: crypto.SHA512, script: []byte(sampleScript)},
		{name: "ecdsa non-ASCII", signer: "ecdsa", script: []byte(nonASCIIScript)},
		{name: "rsa UTF-16LE", signer: "rsa", script: toUTF16LE(sampleScript)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSigner(t, tc.signer)
			first, err := s.Sign(tc.script, Options{Hash: tc.hash})
			if err != nil {
				t.Fatal(err)
			}
			again, err := loadSigner(t, tc.signer).Sign(tc.script, Options{Hash: tc.hash})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Error("signing twice gave different bytes")
			}
			resigned, err := s.Sign(first, Options{Hash: tc.hash})
			if err != nil {
				t.Fatalf("re-signing: %v", err)
			}
			if !bytes.Equal(first, resigned) {
				t.Error("re-signing a signed script differs from signing the unsigned one")
			}
			// Re-signing with another hash replaces the block instead of nesting it.
			other, err := s.Sign(first, Options{Hash: crypto.SHA384})
			if err != nil {
				t.Fatal(err)
			}
			direct, _ := s.Sign(tc.script, Options{Hash: crypto.SHA384})
			if !bytes.Equal(other, direct) {
				t.Error("re-signing with SHA-384 differs from signing the unsigned script with SHA-384")
			}
		})
	}
}

func TestStrip(t *testing.T) {
	signed, err := loadSigner(t, "rsa").Sign([]byte(sampleScript), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		script     []byte
		wantBody   []byte
		wantSigned bool
	}{
		{name: "signed", script: signed, wantBody: []byte(sampleScript), wantSigned: true},
		{name: "unsigned", script: []byte(sampleScript), wantBody: []byte(sampleScript)},
		{name: "no trailing newline", script: []byte("x\r\n# SIG # Begin signature block\r\n# AA==\r\n# SIG # End signature block\r\n"), wantBody: []byte("x"), wantSigned: true},
		{name: "LF only", script: []byte("x\n\n# SIG # Begin signature block\n# AA==\n# SIG # End signature block\n"), wantBody: []byte("x\n"), wantSigned: true},
		{name: "marker not at line start", script: []byte("Write-Host '# SIG # Begin signature block'\r\n"), wantBody: []byte("Write-Host '# SIG # Begin signature block'\r\n")},
		{name: "empty", script: nil, wantBody: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, ok := Strip(tc.script)
			if ok != tc.wantSigned || !bytes.Equal(body, tc.wantBody) {
				t.Errorf("Strip = %q, %v; want %q, %v", body, ok, tc.wantBody, tc.wantSigned)
			}
		})
	}
}

func TestLoadPFX(t *testing.T) {
	password := pfxPassword(t)
	tests := []struct {
		name string
		file string
	}{
		{name: "rsa modern (AES-256/PBKDF2)", file: "rsa.pfx"},
		{name: "rsa legacy (RC2/3DES)", file: "rsa-legacy.pfx"},
		{name: "ecdsa modern", file: "ecdsa.pfx"},
		{name: "ecdsa legacy", file: "ecdsa-legacy.pfx"},
	}
	roots := testRoots(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := LoadPFX(testdata(t, tc.file), password)
			if err != nil {
				t.Fatalf("LoadPFX: %v", err)
			}
			if got := s.Certificate().Subject.CommonName; !strings.HasPrefix(got, "hybridc TEST-ONLY") || strings.Contains(got, "CA") {
				t.Errorf("leaf = %q", got)
			}
			if len(s.Chain()) != 1 || s.Chain()[0].Subject.CommonName != "hybridc TEST-ONLY Intermediate CA" {
				t.Errorf("chain = %d certificates, want only the intermediate (root left out)", len(s.Chain()))
			}
			signed, err := s.Sign([]byte(sampleScript), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(signed, VerifyOptions{Roots: roots}); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

func TestLoadPEMKeyForms(t *testing.T) {
	tests := []struct {
		name    string
		certs   string
		key     string
		wantErr error // from Verify with the test root
	}{
		{name: "PKCS#8 RSA", certs: "rsa-chain.pem", key: "rsa.key"},
		{name: "PKCS#1 RSA", certs: "rsa-chain.pem", key: "rsa-pkcs1.key"},
		{name: "PKCS#8 ECDSA", certs: "ecdsa-chain.pem", key: "ecdsa.key"},
		{name: "SEC1 ECDSA", certs: "ecdsa-chain.pem", key: "ecdsa-sec1.key"},
		{name: "key and certificates in one file", certs: "rsa-chain.pem", key: "rsa-chain.pem+rsa.key"},
		// Without the intermediate the chain cannot be built.
		{name: "leaf without bundle", certs: "rsa.pem", key: "rsa.key", wantErr: ErrUntrusted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var keyPEM []byte
			for _, f := range strings.Split(tc.key, "+") {
				keyPEM = append(keyPEM, testdata(t, f)...)
			}
			certPEM := testdata(t, tc.certs)
			if strings.Contains(tc.key, "+") {
				certPEM = keyPEM
			}
			s, err := LoadPEM(certPEM, keyPEM)
			if err != nil {
				t.Fatalf("LoadPEM: %v", err)
			}
			signed, err := s.Sign([]byte(sampleScript), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(signed, VerifyOptions{Roots: testRoots(t)}); !errors.Is(err, tc.wantErr) {
				t.Fatalf("Verify: %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// TestAuthenticatedAttributes checks the signed attributes directly: the
// four Authenticode attributes, no signingTime, DER (sorted) SET order, and
// the messageDigest over SpcIndirectDataContent without its outer header.
func TestAuthenticatedAttributes(t *testing.T) {
	tests := []struct {
		name   string
		signer string
		hash   crypto.Hash
	}{
		{name: "rsa sha256", signer: "rsa", hash: crypto.SHA256},
		{name: "ecdsa sha512", signer: "ecdsa", hash: crypto.SHA512},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := loadSigner(t, tc.signer).Sign([]byte(sampleScript), Options{Hash: tc.hash})
			if err != nil {
				t.Fatal(err)
			}
			loc, _ := findBlock(signed, encUTF8)
			der, err := decodeBlock(signed[loc.start:], encUTF8)
			if err != nil {
				t.Fatal(err)
			}
			p, err := parseSignedData(der)
			if err != nil {
				t.Fatal(err)
			}
			elems, err := readChildren(mustContent(t, p.signer.signedAttrs))
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i < len(elems); i++ {
				if bytes.Compare(elems[i-1].full, elems[i].full) > 0 {
					t.Errorf("attribute %d sorts before attribute %d: not a DER SET", i, i-1)
				}
			}
			var got []string
			for _, a := range p.signer.attrs {
				got = append(got, a.oid.String())
			}
			want := []string{oidContentType.String(), oidMessageDigest.String(), oidSpcStatementType.String(), oidSpcSpOpusInfo.String()}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("attributes = %v, want %v (and no signingTime)", got, want)
			}
			md, _ := findAttribute(p.signer.attrs, oidMessageDigest)
			if !bytes.Equal(md.content, digestOf(tc.hash, p.content.content)) {
				t.Error("messageDigest is not the hash of the SpcIndirectDataContent content octets")
			}
			if p.signer.signedAttrs[0] != tagContext0 {
				t.Errorf("signed attributes stored with tag %#x, want [0] IMPLICIT", p.signer.signedAttrs[0])
			}
		})
	}
}

// mustContent returns the content octets of one DER element.
func mustContent(t *testing.T, der []byte) []byte {
	t.Helper()
	e, _, err := readElem(der)
	if err != nil {
		t.Fatal(err)
	}
	return e.content
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		signer *Signer
		opt    Options
		want   error // nil: accepted
	}{
		{name: "rsa, default options", signer: loadSigner(t, "rsa"), opt: Options{}},
		{name: "ecdsa, sha512", signer: loadSigner(t, "ecdsa"), opt: Options{Hash: crypto.SHA512}},
		{name: "sha1 refused", signer: loadSigner(t, "rsa"), opt: Options{Hash: crypto.SHA1}, want: ErrUnsupportedHash},
		{name: "expired certificate", signer: loadSigner(t, "expired"), opt: Options{}, want: ErrExpired},
		{name: "not yet valid", signer: loadSigner(t, "rsa"), opt: Options{Now: func() time.Time { return date(1999, 1, 1) }}, want: ErrNotYetValid},
		{name: "timestamp URL is not contacted", signer: loadSigner(t, "rsa"), opt: Options{TimestampURL: "http://127.0.0.1:1/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.signer.Check(tc.opt)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Check = %v, want %v", err, tc.want)
			}
		})
	}
	var nilSigner *Signer
	if err := nilSigner.Check(Options{}); err == nil {
		t.Error("Check on a nil Signer succeeded")
	}
}
