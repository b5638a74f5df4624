package galeratest

import (
	"database/sql"
	"testing"
	"time"
)

// A row written through one node is there on the others at once
// (synchronous replication), and the cluster has three members.
func TestClusterReplicates(t *testing.T) {
	start := time.Now()
	c := Start(t)
	t.Logf("cluster of 3 started in %s: %s", time.Since(start).Round(time.Millisecond), c)
	dsns := c.DSNs(t)
	dbs := make([]*sql.DB, 3)
	for i, d := range dsns {
		db, err := sql.Open("mysql", d[len("mysql://"):])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	if _, err := dbs[0].Exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))"); err != nil {
		t.Fatal(err)
	}
	if _, err := dbs[1].Exec("INSERT INTO t VALUES (1, 'two')"); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := dbs[2].QueryRow("SELECT v FROM t WHERE id = 1").Scan(&v); err != nil || v != "two" {
		t.Fatalf("node 3 reads %q, %v", v, err)
	}
}
