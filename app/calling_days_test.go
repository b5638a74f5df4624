package app_test

import (
	"context"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/fault"
	"pingyi/i18n"
)

// The phone survey's calling days come from the working-day calendar as
// app wires it: on 1 October 2026 (国庆节) nobody is called, even with calls
// allowed every day of the week (the operator is told it is outside
// calling hours); on Saturday 10 October (worked) they are.
func TestPhoneCallingDaysSkipHolidays(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.PhoneCampaign()
		ctx := context.Background()
		set, err := h.App.Phone.Settings(ctx, "2026-annual")
		if err != nil || set.Hours.Calendar == nil || set.Hours.DayString() != "1234567" {
			t.Fatalf("settings: %+v %v", set.Hours, err)
		}
		holiday := time.Date(2026, 10, 1, 10, 0, 0, 0, i18n.China)
		worked := time.Date(2026, 10, 10, 10, 0, 0, 0, i18n.China)
		if set.Hours.Allows(holiday) || !set.Hours.Allows(worked) {
			t.Errorf("1 October allowed %v, 10 October allowed %v", set.Hours.Allows(holiday), set.Hours.Allows(worked))
		}
		op, err := h.App.Accounts.ByLogin(ctx, apptest.Login(account.Operator))
		if err != nil {
			t.Fatal(err)
		}
		h.App.DB.Now = func() time.Time { return holiday.UTC() }
		if _, err := h.App.Phone.Next(ctx, "2026-annual", op.Actor()); !fault.Is(err, fault.Conflict) {
			t.Errorf("a call on National Day: %v", err)
		}
		h.App.DB.Now = func() time.Time { return worked.UTC() }
		// Within calling hours: no refusal (there is no draw to call from yet).
		if _, err := h.App.Phone.Next(ctx, "2026-annual", op.Actor()); err != nil {
			t.Errorf("a call on a worked Saturday: %v", err)
		}
	})
}
