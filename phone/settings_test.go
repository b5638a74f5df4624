package phone

import (
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestParseCallingHours(t *testing.T) {
	h, err := ParseCallingHours(" 09:00-12:00, 14:00-20:30 ", "12345")
	if err != nil || h.String() != "09:00-12:00,14:00-20:30" || h.DayString() != "12345" {
		t.Fatalf("%v %v", h, err)
	}
	for at, want := range map[string]bool{"2026-11-02 09:00": true, "2026-11-02 11:59": true, "2026-11-02 12:00": false,
		"2026-11-02 13:59": false, "2026-11-02 20:29": true, "2026-11-02 20:30": false, "2026-11-01 10:00": false} {
		tm, _ := time.ParseInLocation("2006-01-02 15:04", at, i18n.China)
		if h.Allows(tm.UTC()) != want {
			t.Errorf("%s: allowed %v", at, !want)
		}
	}
	for _, bad := range [][2]string{{"", "1"}, {"09:00", "1"}, {"12:00-09:00", "1"}, {"09:00-12:00,11:00-13:00", "1"},
		{"25:00-26:00", "1"}, {"09:00-12:00", ""}, {"09:00-12:00", "8"}} {
		if _, err := ParseCallingHours(bad[0], bad[1]); err == nil {
			t.Errorf("%q %q accepted", bad[0], bad[1])
		}
	}
}

func TestSaveSettingsChecksEverything(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		got, err := f.store.Settings(f.ctx, campaign)
		if err != nil || got.MaxAttempts != 6 || got.Lease != 15*time.Minute || got.Group != "service_users" {
			t.Fatalf("defaults %+v %v", got, err)
		}
		_, err = f.store.SaveSettings(f.ctx, campaign, SettingsInput{Group: "nobody", CallingHours: "9-5", MaxAttempts: 0,
			MinIntervalMinutes: -1, LeaseMinutes: 0}, audit.Actor{Login: "admin"})
		if e, ok := fault.As(err); !ok || len(e.Problems) != 6 {
			t.Fatalf("%v", err)
		}
		in := SettingsInput{Group: "service_users", CallingHours: "08:30-21:00", CallingDays: "123456", MaxAttempts: 4,
			MinIntervalMinutes: 90, LeaseMinutes: 10, Script: "您好，{unit}回访。"}
		if _, err := f.store.SaveSettings(f.ctx, campaign, in, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		in.MaxAttempts = 5 // saving again updates the row
		got, err = f.store.SaveSettings(f.ctx, campaign, in, audit.Actor{Login: "admin"})
		if err != nil || got.Input() != in || got.UpdatedBy != "admin" {
			t.Fatalf("saved %+v %v", got.Input(), err)
		}
	})
}
