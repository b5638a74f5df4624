// Package galeratest starts a three-node MariaDB Galera cluster on
// loopback ports in temporary folders, for tests that run several Pingyi
// processes each against its own node. It runs only when
// PINGYI_TEST_GALERA=1 (and mariadbd, galera-4 and rsync are installed);
// otherwise the tests that ask for it skip.
package galeratest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// Env turns the cluster tests on.
const Env = "PINGYI_TEST_GALERA"

// Provider is Debian's galera-4 library.
const Provider = "/usr/lib/galera/libgalera_smm.so"

// Node is one running mariadbd of the cluster.
type Node struct {
	N       int
	Port    int // the MySQL protocol port
	dir     string
	cmd     *exec.Cmd
	done    chan error
	conf    string
	cluster *Cluster
	// Restarted is set once Restart has been called.
	Restarted bool
}

// Running reports whether the node's mariadbd is running.
func (n *Node) Running() bool { return n.cmd != nil }

// Cluster is three nodes replicating synchronously.
type Cluster struct {
	Nodes []*Node
	t     testing.TB
	gcomm []int
}

// Enabled reports whether this run has the cluster tests on.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Start starts a cluster of three nodes, or skips t when the cluster tests
// are off; the cluster stops when t ends.
func Start(t testing.TB) *Cluster {
	t.Helper()
	if !Enabled() {
		t.Skip("set " + Env + "=1 to run the Galera cluster tests")
	}
	for _, need := range []string{Provider, "/usr/sbin/mariadbd", "/usr/bin/mariadb-install-db", "/usr/bin/rsync"} {
		if _, err := os.Stat(need); err != nil {
			t.Fatalf("%s=1 but %s is missing (apt-get install galera-4 rsync mariadb-server)", Env, need)
		}
	}
	root, err := os.MkdirTemp("", "pingyi-galera-")
	if err != nil {
		t.Fatal(err)
	}
	// The joiners' snapshots arrive through an rsync daemon, which drops
	// to nobody: it must be able to write there.
	os.Chmod(root, 0o755)
	c := &Cluster{t: t}
	ports := freePorts(t, 12)
	for i := 0; i < 3; i++ {
		c.gcomm = append(c.gcomm, ports[3+i])
	}
	for i := 0; i < 3; i++ {
		n := &Node{N: i + 1, Port: ports[i], dir: filepath.Join(root, fmt.Sprintf("node%d", i+1)), cluster: c}
		if err := os.MkdirAll(filepath.Join(n.dir, "data"), 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(n.dir, 0o777)
		os.Chmod(filepath.Join(n.dir, "data"), 0o777)
		n.conf = filepath.Join(n.dir, "my.cnf")
		if err := os.WriteFile(n.conf, []byte(n.config(ports[3+i], ports[6+i], ports[9+i])), 0o600); err != nil {
			t.Fatal(err)
		}
		c.Nodes = append(c.Nodes, n)
	}
	t.Cleanup(func() {
		for _, n := range c.Nodes {
			n.Stop()
		}
		if !t.Failed() {
			os.RemoveAll(root)
		} else {
			t.Logf("Galera node folders kept in %s", root)
		}
	})
	// Node 1 gets a fresh system schema and bootstraps the cluster; the
	// others join empty and receive a snapshot (SST by rsync).
	first := c.Nodes[0]
	install := exec.Command("/usr/bin/mariadb-install-db", "--defaults-file="+first.conf, "--auth-root-authentication-method=normal",
		"--skip-test-db", "--user=root")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	first.start(t, "--wsrep-new-cluster")
	for _, n := range c.Nodes[1:] {
		n.start(t)
	}
	c.waitSize(t, 3)
	return c
}

func (n *Node) config(gcomm, ist, sst int) string {
	c := n.cluster
	return fmt.Sprintf(`[mysqld]
datadir=%[1]s/data
socket=%[1]s/mysqld.sock
pid-file=%[1]s/mysqld.pid
log-error=%[1]s/error.log
port=%[2]d
bind-address=127.0.0.1
skip-name-resolve
user=root
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
max_connections=300
wsrep_on=ON
wsrep_provider=%[3]s
wsrep_cluster_name=pingyi_test
wsrep_cluster_address=gcomm://127.0.0.1:%[4]d,127.0.0.1:%[5]d,127.0.0.1:%[6]d
wsrep_node_name=node%[7]d
wsrep_node_address=127.0.0.1:%[8]d
wsrep_provider_options="base_host=127.0.0.1;base_port=%[8]d;ist.recv_addr=127.0.0.1:%[9]d;gcache.size=64M;evs.inactive_timeout=PT6S;evs.suspect_timeout=PT3S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:%[10]d
wsrep_slave_threads=2
# Reads wait until the node has applied what the cluster committed before
# them: a request answered through one node after a write through another
# must see it (the deployment guide in README asks the same).
wsrep_sync_wait=1
`, n.dir, n.Port, Provider, c.gcomm[0], c.gcomm[1], c.gcomm[2], n.N, gcomm, ist, sst)
}

// start runs the node's mariadbd and waits until it answers and has joined.
func (n *Node) start(t testing.TB, extra ...string) {
	t.Helper()
	args := append([]string{"--defaults-file=" + n.conf}, extra...)
	n.cmd = exec.Command("/usr/sbin/mariadbd", args...)
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("start node %d: %v", n.N, err)
	}
	n.done = make(chan error, 1)
	go func(cmd *exec.Cmd, done chan error) { done <- cmd.Wait() }(n.cmd, n.done)
	// A joiner's snapshot (rsync) took over 90 s on a machine shared with
	// other work and a second cluster.
	deadline := time.Now().Add(240 * time.Second)
	for {
		if ready, _ := n.ready(); ready {
			return
		}
		select {
		case err := <-n.done:
			n.cmd = nil
			t.Fatalf("node %d stopped while starting: %v\n%s", n.N, err, n.logTail())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("node %d did not become ready in 240 s\n%s", n.N, n.logTail())
		}
	}
}

// Restart starts a stopped or killed node again; it rejoins and catches up.
//
// As systemd's galera_recovery does, it first recovers the position the
// node's InnoDB reached (a killed node's grastate.dat does not have it),
// so that the node asks the others only for what it missed (IST) rather
// than a whole snapshot.
func (n *Node) Restart(t testing.TB) {
	t.Helper()
	n.Restarted = true
	var extra []string
	recover := exec.Command("/usr/sbin/mariadbd", "--defaults-file="+n.conf, "--wsrep-recover", "--log-error="+filepath.Join(n.dir, "recover.log"))
	if err := recover.Run(); err == nil {
		log, _ := os.ReadFile(filepath.Join(n.dir, "recover.log"))
		if m := recoveredPosition.FindSubmatch(log); m != nil {
			extra = append(extra, "--wsrep-start-position="+string(m[1]))
		}
	}
	// Should a snapshot be needed after all, the rsync daemon (nobody) must
	// be able to write over what is there.
	filepath.WalkDir(filepath.Join(n.dir, "data"), func(path string, d os.DirEntry, err error) error {
		if err == nil {
			os.Chmod(path, map[bool]os.FileMode{true: 0o777, false: 0o666}[d.IsDir()])
		}
		return nil
	})
	n.start(t, extra...)
}

var recoveredPosition = regexp.MustCompile(`WSREP: Recovered position: ([0-9a-f-]+:-?[0-9]+)`)

// ready is a node that accepts queries and is synced with the cluster.
func (n *Node) ready() (bool, error) {
	db, err := sql.Open("mysql", n.rootDSN(""))
	if err != nil {
		return false, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var name, state string
	if err := db.QueryRowContext(ctx, "SHOW STATUS LIKE 'wsrep_local_state_comment'").Scan(&name, &state); err != nil {
		return false, err
	}
	return state == "Synced", nil
}

func (c *Cluster) waitSize(t testing.TB, want int) {
	t.Helper()
	db, err := sql.Open("mysql", c.Nodes[0].rootDSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var name string
		var size int
		err := db.QueryRow("SHOW STATUS LIKE 'wsrep_cluster_size'").Scan(&name, &size)
		if err == nil && size == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster size %d (err %v), want %d", size, err, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Kill ends the node at once (SIGKILL), as a crash would.
func (n *Node) Kill() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
	n.cmd = nil
}

// Stop shuts the node down cleanly (SIGTERM), or kills it after 30 s.
func (n *Node) Stop() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(30 * time.Second):
		n.cmd.Process.Signal(syscall.SIGKILL)
		<-n.done
	}
	n.cmd = nil
}

func (n *Node) rootDSN(db string) string {
	cfg := mysqldriver.NewConfig()
	cfg.User = "root"
	cfg.Net = "tcp"
	cfg.Addr = fmt.Sprintf("127.0.0.1:%d", n.Port)
	cfg.DBName = db
	cfg.ParseTime = true
	return cfg.FormatDSN()
}

func (n *Node) logTail() string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "error.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// DSNs creates a fresh database (through node 1; Galera replicates it)
// and returns it as a --db value for each node, in node order.
func (c *Cluster) DSNs(t testing.TB) []string {
	t.Helper()
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "pingyi_g_" + hex.EncodeToString(suffix)
	db, err := sql.Open("mysql", c.Nodes[0].rootDSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	// Other nodes apply the CREATE in the cluster's order, a moment later.
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = "mysql://" + n.rootDSN(name)
		if err := n.waitFor(name); err != nil {
			t.Fatalf("node %d: %v", n.N, err)
		}
	}
	return out
}

// waitFor waits until the node has the database.
func (n *Node) waitFor(name string) error {
	db, err := sql.Open("mysql", n.rootDSN(""))
	if err != nil {
		return err
	}
	defer db.Close()
	for deadline := time.Now().Add(30 * time.Second); ; {
		var got string
		err = db.QueryRow("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).Scan(&got)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("database %s not there after 30 s: %v", name, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// freePorts finds n distinct free loopback ports.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ls []net.Listener
	var out []int
	for len(out) < n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return out
}

// String names the cluster's nodes for logs.
func (c *Cluster) String() string {
	var b strings.Builder
	for i, n := range c.Nodes {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "node%d 127.0.0.1:%d", n.N, n.Port)
	}
	return b.String()
}
