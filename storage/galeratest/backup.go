package galeratest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// BackupTool is Debian's mariadb-backup; the backup tests skip without it.
const BackupTool = "/usr/bin/mariadb-backup"

// HasBackupTool reports whether mariadb-backup is installed.
func HasBackupTool() bool {
	_, err := os.Stat(BackupTool)
	return err == nil
}

// Backup takes a hot copy of the running node into dir with mariadb-backup
// and prepares it (makes it consistent), as the deployment guide says. It
// calls copying, in a goroutine of its own, once the tool has begun
// copying the data files (the writes it sees from then on reach the copy
// through the redo log), and returns how long each step took.
func (n *Node) Backup(t testing.TB, dir string, copying func()) (backup, prepare time.Duration) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(BackupTool, "--defaults-file="+n.conf, "--backup", "--user=root", "--host=127.0.0.1",
		fmt.Sprintf("--port=%d", n.Port), "--target-dir="+dir)
	out, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	var called sync.WaitGroup
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if copying != nil && strings.Contains(lines.Text(), "Copying") {
			called.Go(copying)
			copying = nil
		}
	}
	err = cmd.Wait()
	called.Wait()
	if err != nil {
		t.Fatalf("mariadb-backup --backup: %v\n%s", err, tail(log.String()))
	}
	backup = time.Since(start)
	start = time.Now()
	run(t, BackupTool, "--prepare", "--target-dir="+dir)
	return backup, time.Since(start)
}

// Restore copies a prepared backup into the data folder of a new node and
// starts it alone, as the first node of a new cluster (what
// galera_new_cluster does), on its own ports; it stops when t ends.
func (c *Cluster) Restore(t testing.TB, dir string) *Node {
	t.Helper()
	ports := freePorts(t, 4)
	n := &Node{N: len(c.Nodes) + 1, Port: ports[0], dir: filepath.Join(filepath.Dir(c.Nodes[0].dir), fmt.Sprintf("restored%d", len(c.Nodes)+1)),
		cluster: &Cluster{gcomm: []int{ports[1], ports[1], ports[1]}}}
	if err := os.MkdirAll(n.dir, 0o777); err != nil {
		t.Fatal(err)
	}
	// Its own cluster name and only its own address: it must not reach
	// the running cluster.
	conf := strings.Replace(n.config(ports[1], ports[2], ports[3]), "wsrep_cluster_name=pingyi_test", "wsrep_cluster_name=pingyi_restored", 1)
	n.conf = filepath.Join(n.dir, "my.cnf")
	if err := os.WriteFile(n.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, BackupTool, "--copy-back", "--target-dir="+dir, "--datadir="+filepath.Join(n.dir, "data"))
	t.Cleanup(n.Stop)
	n.start(t, "--wsrep-new-cluster")
	return n
}

// DSN is a --db value for database name on the node.
func (n *Node) DSN(name string) string { return "mysql://" + n.rootDSN(name) }

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(string(out)))
	}
}

func tail(s string) string { return s[max(0, len(s)-3000):] }
