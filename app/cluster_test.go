package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"pingyi/migrations"
	"pingyi/storage"
	"pingyi/storage/galeratest"
)

// TestOnAGaleraCluster runs Pingyi's multi-process races with each process
// on its own node of a three-node Galera cluster (PINGYI_TEST_GALERA=1),
// where a row lock taken on one node does not hold on another and a
// transaction that loses to a write through another node fails its
// certification at commit.
func TestOnAGaleraCluster(t *testing.T) {
	start := time.Now()
	c := galeratest.Start(t)
	t.Logf("3-node cluster up in %s", time.Since(start).Round(time.Millisecond))
	t.Run("migrations through three nodes at once", func(t *testing.T) { clusterMigrations(t, c) })
}

func openAll(t *testing.T, dsns []string) []*storage.DB {
	t.Helper()
	dbs := make([]*storage.DB, len(dsns))
	for i, dsn := range dsns {
		db, err := storage.Open(context.Background(), dsn, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs
}

// Three processes, one per node, migrate one empty database at once: each
// migration is applied exactly once and none of them fails.
func clusterMigrations(t *testing.T, c *galeratest.Cluster) {
	all, _ := migrations.All()
	for round := range 3 {
		dbs := openAll(t, c.DSNs(t))
		var wg sync.WaitGroup
		applied := make([]int, len(dbs))
		errs := make([]error, len(dbs))
		for i, db := range dbs {
			wg.Go(func() {
				m, err := migrations.Up(context.Background(), db)
				applied[i], errs[i] = len(m), err
			})
		}
		wg.Wait()
		total := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, node %d: %v", round, i+1, err)
			}
			total += applied[i]
		}
		if total != len(all) {
			t.Fatalf("round %d: the three nodes applied %d migrations in all, want %d (%v)", round, total, len(all), applied)
		}
	}
}
