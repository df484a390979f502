package authenticode

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"flag"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// regen regenerates the throw-away test PKI in testdata:
//
//	go test ./cmd/authenticode/ -run TestGeneratePKI -args -regen
var regen = flag.Bool("regen", false, "regenerate the TEST-ONLY PKI in testdata (needs the openssl CLI)")

// regenPolicy regenerates only the signer-policy certificates (see
// generatePolicyPKI), leaving every other key and certificate as it is:
//
//	go test ./cmd/authenticode/ -run TestGeneratePolicyPKI -args -regen-policy
var regenPolicy = flag.Bool("regen-policy", false, "regenerate the TEST-ONLY signer-policy certificates in testdata")

// pkiLeaf describes one end-entity certificate of the test PKI.
type pkiLeaf struct {
	name      string
	newKey    func() (crypto.Signer, error)
	notBefore time.Time
	notAfter  time.Time
	keyUsage  x509.KeyUsage
	extKey    []x509.ExtKeyUsage
	critEKU   []asn1.ObjectIdentifier // written as a critical EKU extension instead
	pfx       bool                    // also write <name>.pfx and <name>-legacy.pfx
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func rsaKey(bits int) func() (crypto.Signer, error) {
	return func() (crypto.Signer, error) { return rsa.GenerateKey(rand.Reader, bits) }
}

func ecKey(c elliptic.Curve) func() (crypto.Signer, error) {
	return func() (crypto.Signer, error) { return ecdsa.GenerateKey(c, rand.Reader) }
}

// TestGeneratePKI writes the test PKI. It is skipped unless -regen is given.
func TestGeneratePKI(t *testing.T) {
	if !*regen {
		t.Skip("regenerates testdata only with: go test -run TestGeneratePKI -args -regen")
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Fatal("the openssl CLI is needed to write the PFX files")
	}
	dir := "testdata"
	start, end := date(2000, 1, 1), date(2046, 12, 31)
	rootKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	root := issue(t, &x509.Certificate{
		Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY Root CA", Organization: []string{"hybridc tests"}},
		NotBefore: start, NotAfter: end, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}, nil, rootKey, rootKey)
	interKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	inter := issue(t, &x509.Certificate{
		Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY Intermediate CA", Organization: []string{"hybridc tests"}},
		NotBefore: start, NotAfter: end, IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}, root, interKey, rootKey)
	writePEM(t, dir, "root.pem", root.Raw)
	writePEM(t, dir, "intermediate.pem", inter.Raw)
	generatePolicyPKI(t, dir)
	password := "hybridc-TEST-ONLY-pfx-Passw0rd"
	writeFile(t, dir, "pfx-password.txt", []byte(password+"\n"))

	codeSign := []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
	leafEnd := date(2046, 6, 30)
	leaves := []pkiLeaf{
		{name: "rsa", newKey: rsaKey(2048), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageDigitalSignature, extKey: codeSign, pfx: true},
		{name: "ecdsa", newKey: ecKey(elliptic.P256()), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageDigitalSignature, extKey: codeSign, pfx: true},
		{name: "noeku", newKey: rsaKey(2048), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageDigitalSignature, extKey: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}},
		{name: "nodigsig", newKey: rsaKey(2048), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageKeyEncipherment, extKey: codeSign},
		{name: "expired", newKey: rsaKey(2048), notBefore: date(2020, 1, 1), notAfter: date(2021, 1, 1), keyUsage: x509.KeyUsageDigitalSignature, extKey: codeSign},
		{name: "rsa1024", newKey: rsaKey(1024), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageDigitalSignature, extKey: codeSign},
		{name: "tsa", newKey: rsaKey(2048), notBefore: start, notAfter: leafEnd, keyUsage: x509.KeyUsageDigitalSignature,
			critEKU: []asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 8}}},
	}
	for _, l := range leaves {
		key, err := l.newKey()
		if err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		tmpl := &x509.Certificate{
			Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY " + l.name, Organization: []string{"hybridc tests"}},
			NotBefore: l.notBefore, NotAfter: l.notAfter, KeyUsage: l.keyUsage, ExtKeyUsage: l.extKey,
			BasicConstraintsValid: true,
		}
		if l.critEKU != nil {
			val, _ := asn1.Marshal(l.critEKU)
			tmpl.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Critical: true, Value: val}}
		}
		cert := issue(t, tmpl, inter, key, interKey)
		writePEM(t, dir, l.name+".pem", cert.Raw)
		writePEM(t, dir, l.name+"-chain.pem", cert.Raw, inter.Raw, root.Raw)
		pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, l.name+".key", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}))
		switch k := key.(type) {
		case *rsa.PrivateKey:
			if !l.pfx {
				break // other key forms only for the main leaves
			}
			writeFile(t, dir, l.name+"-pkcs1.key", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
		case *ecdsa.PrivateKey:
			sec1, _ := x509.MarshalECPrivateKey(k)
			writeFile(t, dir, l.name+"-sec1.key", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}))
		}
		if l.pfx {
			tmp := t.TempDir()
			writePEM(t, tmp, "cas.pem", inter.Raw, root.Raw)
			cas := filepath.Join(tmp, "cas.pem")
			for _, variant := range []struct{ file, flag string }{{l.name + ".pfx", ""}, {l.name + "-legacy.pfx", "-legacy"}} {
				args := []string{"pkcs12", "-export", "-in", filepath.Join(dir, l.name+".pem"),
					"-inkey", filepath.Join(dir, l.name+".key"), "-certfile", cas, "-name", "hybridc TEST-ONLY " + l.name,
					"-passout", "file:" + filepath.Join(dir, "pfx-password.txt"), "-out", filepath.Join(dir, variant.file)}
				if variant.flag != "" {
					args = append(args, variant.flag)
				}
				if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
					t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
		}
	}
}

// TestGeneratePolicyPKI writes the signer-policy certificates alone. It is
// skipped unless -regen-policy is given.
func TestGeneratePolicyPKI(t *testing.T) {
	if !*regenPolicy {
		t.Skip("regenerates testdata only with: go test -run TestGeneratePolicyPKI -args -regen-policy")
	}
	generatePolicyPKI(t, "testdata")
}

// generatePolicyPKI writes the certificates that the signer policy must
// refuse although they carry the Code Signing usage and a strong key. They
// have their own throw-away root, policy-root.pem, so that they can be
// regenerated without the keys of the main PKI (which are not kept):
//
//   - catrue: CA:TRUE with the Code Signing EKU, issued by the policy root;
//   - sha1: an end-entity code-signing certificate signed with SHA-1;
//   - sha1inter: a SHA-256 end-entity certificate whose intermediate,
//     sha1-intermediate.pem, is signed with SHA-1.
func generatePolicyPKI(t *testing.T, dir string) {
	t.Helper()
	start, end := date(2000, 1, 1), date(2046, 12, 31)
	org := []string{"hybridc tests"}
	rootKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	root := issue(t, &x509.Certificate{
		Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY Policy Root CA", Organization: org},
		NotBefore: start, NotAfter: end, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}, nil, rootKey, rootKey)
	interKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	inter := issue(t, &x509.Certificate{
		Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY SHA-1 Intermediate CA", Organization: org},
		NotBefore: start, NotAfter: end, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, SignatureAlgorithm: x509.SHA1WithRSA,
	}, root, interKey, rootKey)
	writePEM(t, dir, "policy-root.pem", root.Raw)
	writePEM(t, dir, "sha1-intermediate.pem", inter.Raw)
	codeSign := []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
	leafEnd := date(2046, 6, 30)
	for _, l := range []struct {
		name      string
		ca        bool
		sigAlg    x509.SignatureAlgorithm
		issuer    *x509.Certificate
		issuerKey crypto.Signer
	}{
		{name: "catrue", ca: true, issuer: root, issuerKey: rootKey},
		{name: "sha1", sigAlg: x509.SHA1WithRSA, issuer: root, issuerKey: rootKey},
		{name: "sha1inter", issuer: inter, issuerKey: interKey},
	} {
		key, _ := rsa.GenerateKey(rand.Reader, 2048)
		usage := x509.KeyUsageDigitalSignature
		if l.ca {
			usage |= x509.KeyUsageCertSign
		}
		cert := issue(t, &x509.Certificate{
			Subject:   pkix.Name{CommonName: "hybridc TEST-ONLY " + l.name, Organization: org},
			NotBefore: start, NotAfter: leafEnd, KeyUsage: usage, ExtKeyUsage: codeSign,
			BasicConstraintsValid: true, IsCA: l.ca, SignatureAlgorithm: l.sigAlg,
		}, l.issuer, key, l.issuerKey)
		writePEM(t, dir, l.name+".pem", cert.Raw)
		chain := [][]byte{cert.Raw}
		if l.issuer != root {
			chain = append(chain, l.issuer.Raw)
		}
		writePEM(t, dir, l.name+"-chain.pem", append(chain, root.Raw)...)
		pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, l.name+".key", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}))
	}
}

// issue creates a certificate from tmpl, signed by parent (self-signed if nil).
func issue(t *testing.T, tmpl, parent *x509.Certificate, key, parentKey crypto.Signer) *x509.Certificate {
	t.Helper()
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	tmpl.SerialNumber = serial
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatalf("create %s: %v", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func writePEM(t *testing.T, dir, name string, ders ...[]byte) {
	t.Helper()
	var b []byte
	for _, d := range ders {
		b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: d})...)
	}
	writeFile(t, dir, name, b)
}

func writeFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testdata returns the contents of a file in testdata.
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("missing test PKI file (regenerate with -run TestGeneratePKI -args -regen): %v", err)
	}
	return b
}

// pfxPassword returns the password of the test PFX files.
func pfxPassword(t *testing.T) string {
	return strings.TrimSpace(string(testdata(t, "pfx-password.txt")))
}

// loadSigner loads testdata/<name>-chain.pem and <name>.key.
func loadSigner(t *testing.T, name string) *Signer {
	t.Helper()
	s, err := LoadPEM(testdata(t, name+"-chain.pem"), testdata(t, name+".key"))
	if err != nil {
		t.Fatalf("LoadPEM(%s): %v", name, err)
	}
	return s
}

// testRoots returns a pool holding the test root CA.
func testRoots(t *testing.T) *x509.CertPool {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(testdata(t, "root.pem")) {
		t.Fatal("cannot parse testdata/root.pem")
	}
	return pool
}
