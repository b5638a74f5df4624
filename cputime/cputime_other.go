//go:build !unix

package cputime

import "time"

func used() time.Duration { return 0 }

// PeakRSSMiB returns 0: the platform does not tell.
func PeakRSSMiB() float64 { return 0 }
