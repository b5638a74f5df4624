package app

import "pingyi/review"

// PhoneRatesOf exposes the wiring's phone-rate source to tests.
func PhoneRatesOf(a *App) review.PhoneRateSource { return phoneRates{a.Phone} }
