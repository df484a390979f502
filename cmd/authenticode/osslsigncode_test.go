package authenticode

import (
	"bytes"
	"crypto"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// osslsigncode runs the osslsigncode CLI (an independent Authenticode
// implementation) and returns its combined output. The test is skipped if
// osslsigncode is not on PATH; CI installs it.
func osslsigncode(t *testing.T, args ...string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("osslsigncode")
	if err != nil {
		t.Skip("osslsigncode is not on PATH (apt-get install osslsigncode); skipping the cross-check")
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	return string(out), err
}

// writeTemp writes data to a new .ps1 file in a fresh temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// osslVerify runs "osslsigncode verify -CAfile testdata/root.pem" on data.
func osslVerify(t *testing.T, data []byte, extra ...string) (string, error) {
	t.Helper()
	args := append([]string{"verify", "-CAfile", filepath.Join("testdata", "root.pem")}, extra...)
	return osslsigncode(t, append(args, "-in", writeTemp(t, "signed.ps1", data))...)
}

// flipBodyByte changes one byte of the script body (not of the BOM).
func flipBodyByte(signed []byte, enc textEncoding) []byte {
	out := bytes.Clone(signed)
	i := bytes.Index(out, enc.encode("hello"))
	if i < 0 {
		i = bytes.Index(out, enc.encode("Z"))
	}
	out[i] ^= 0x20 // "hello" -> "Hello"
	return out
}

func TestOsslsigncodeVerifiesOurSignatures(t *testing.T) {
	tests := []struct {
		name   string
		signer string
		hash   crypto.Hash
		script []byte
		enc    textEncoding
	}{
		{name: "rsa sha256", signer: "rsa", hash: crypto.SHA256, script: []byte(sampleScript)},
		{name: "rsa sha384", signer: "rsa", hash: crypto.SHA384, script: []byte(sampleScript)},
		{name: "rsa sha512", signer: "rsa", hash: crypto.SHA512, script: []byte(sampleScript)},
		{name: "ecdsa sha256", signer: "ecdsa", hash: crypto.SHA256, script: []byte(sampleScript)},
		{name: "ecdsa sha384", signer: "ecdsa", hash: crypto.SHA384, script: []byte(sampleScript)},
		{name: "ecdsa sha512", signer: "ecdsa", hash: crypto.SHA512, script: []byte(sampleScript)},
		{name: "rsa non-ASCII", signer: "rsa", script: []byte(nonASCIIScript)},
		{name: "ecdsa non-ASCII", signer: "ecdsa", script: []byte(nonASCIIScript)},
		{name: "rsa UTF-16LE", signer: "rsa", script: toUTF16LE(sampleScript), enc: encUTF16LE},
		{name: "ecdsa UTF-16LE non-ASCII", signer: "ecdsa", script: toUTF16LE("\ufeffWrite-Host 'hello Zürich’'\r\n"), enc: encUTF16LE},
		{name: "no trailing newline", signer: "rsa", script: []byte("\ufeffWrite-Host 'hello'")},
		{name: "ASCII without BOM, LF endings", signer: "rsa", script: []byte("Write-Host 'hello'\n")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := loadSigner(t, tc.signer).Sign(tc.script, Options{Hash: tc.hash})
			if err != nil {
				t.Fatal(err)
			}
			if out, err := osslVerify(t, signed); err != nil {
				t.Fatalf("osslsigncode rejects our signature: %v\n%s", err, out)
			}

			tampered := flipBodyByte(signed, tc.enc)
			if out, err := osslVerify(t, tampered); err == nil {
				t.Errorf("osslsigncode accepts a changed body:\n%s", out)
			}
			if _, err := Verify(tampered, VerifyOptions{Roots: testRoots(t)}); !errors.Is(err, ErrDigestMismatch) {
				t.Errorf("Verify of a changed body: %v, want %v", err, ErrDigestMismatch)
			}

			in := writeTemp(t, "signed.ps1", signed)
			outFile := filepath.Join(t.TempDir(), "unsigned.ps1")
			if out, err := osslsigncode(t, "remove-signature", "-in", in, "-out", outFile); err != nil {
				t.Fatalf("osslsigncode remove-signature: %v\n%s", err, out)
			}
			removed, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(removed, tc.script) {
				t.Errorf("osslsigncode remove-signature gave %q, want the unsigned %q", removed, tc.script)
			}
		})
	}
}

func TestWeVerifyOsslsigncodeSignatures(t *testing.T) {
	tests := []struct {
		name   string
		signer string
		hash   string
		script []byte
	}{
		{name: "rsa sha256", signer: "rsa", hash: "sha256", script: []byte(sampleScript)},
		{name: "ecdsa sha384", signer: "ecdsa", hash: "sha384", script: []byte(sampleScript)},
		{name: "rsa non-ASCII sha512", signer: "rsa", hash: "sha512", script: []byte(nonASCIIScript)},
		{name: "rsa UTF-16LE", signer: "rsa", hash: "sha256", script: toUTF16LE(nonASCIIScript)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := writeTemp(t, "unsigned.ps1", tc.script)
			outFile := filepath.Join(t.TempDir(), "theirs.ps1")
			out, err := osslsigncode(t, "sign", "-certs", filepath.Join("testdata", tc.signer+"-chain.pem"),
				"-key", filepath.Join("testdata", tc.signer+".key"), "-h", tc.hash, "-in", in, "-out", outFile)
			if err != nil {
				t.Fatalf("osslsigncode sign: %v\n%s", err, out)
			}
			theirs, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Verify(theirs, VerifyOptions{Roots: testRoots(t)})
			if err != nil {
				t.Fatalf("Verify of osslsigncode's signature: %v", err)
			}
			if !strings.EqualFold(res.Hash.String(), strings.Replace(tc.hash, "sha", "SHA-", 1)) {
				t.Errorf("hash = %v, want %s", res.Hash, tc.hash)
			}
			// Same content digest as ours (the bytes differ: osslsigncode adds signingTime).
			ours, err := loadSigner(t, tc.signer).Sign(tc.script, Options{Hash: res.Hash})
			if err != nil {
				t.Fatal(err)
			}
			if a, b := contentDigest(t, theirs), contentDigest(t, ours); !bytes.Equal(a, b) {
				t.Errorf("content digest: osslsigncode %x, ours %x", a, b)
			}
			if body, ok := Strip(theirs); !ok || !bytes.Equal(body, tc.script) {
				t.Errorf("Strip of osslsigncode's output = %q, %v", body, ok)
			}
		})
	}
}

// contentDigest returns the script digest stored in a signed script.
func contentDigest(t *testing.T, signed []byte) []byte {
	t.Helper()
	enc, err := detectEncoding(signed)
	if err != nil {
		t.Fatal(err)
	}
	loc, ok := findBlock(signed, enc)
	if !ok {
		t.Fatal("no block")
	}
	der, err := decodeBlock(signed[loc.start:], enc)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseSignedData(der)
	if err != nil {
		t.Fatal(err)
	}
	_, digest, err := parseIndirectData(p.content)
	if err != nil {
		t.Fatal(err)
	}
	return digest
}
