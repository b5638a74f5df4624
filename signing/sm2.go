package signing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/emmansun/gmsm/sm2"
)

// SM2 names the national algorithm: SM2 signatures over SM3 with the
// standard's default user id (GB/T 32918, GM/T 0009), the signature
// ASN.1-encoded, the public key the uncompressed point 04‖X‖Y.
const SM2 = "sm2-sm3"

// sm2Key derives an SM2 private key from a 32-byte seed: d = seed mod
// (n − 1) + 1, which is always a valid scalar.
func sm2Key(seed []byte) *sm2.PrivateKey {
	c := sm2.P256()
	n1 := new(big.Int).Sub(c.Params().N, big.NewInt(1))
	d := new(big.Int).SetBytes(seed)
	d.Mod(d, n1).Add(d, big.NewInt(1))
	x, y := c.ScalarBaseMult(d.FillBytes(make([]byte, 32)))
	return &sm2.PrivateKey{PrivateKey: ecdsa.PrivateKey{PublicKey: ecdsa.PublicKey{Curve: c, X: x, Y: y}, D: d}}
}

func sm2Public(k *sm2.PrivateKey) []byte {
	//lint:ignore SA1019 the uncompressed point is the format SM2 public keys are published in
	return elliptic.Marshal(k.Curve, k.X, k.Y)
}

func sm2Sign(k *sm2.PrivateKey, doc []byte) ([]byte, error) {
	return k.SignWithSM2(rand.Reader, nil, doc)
}

func sm2Verify(public, doc, sig []byte) error {
	c := sm2.P256()
	//lint:ignore SA1019 as in sm2Public
	x, y := elliptic.Unmarshal(c, public)
	if x == nil {
		return fmt.Errorf("the public key is not a point of the SM2 curve")
	}
	if !sm2.VerifyASN1WithSM2(&ecdsa.PublicKey{Curve: c, X: x, Y: y}, nil, doc, sig) {
		return fmt.Errorf("bad signature")
	}
	return nil
}
