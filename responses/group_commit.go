package responses

import "sync"

// Group commit. A durable commit costs a flush of the log to disk, and on
// MySQL a staff submission also holds the audit chain's head row until its
// commit ends, so one transaction per form lets forms through one flush at
// a time. Forms to one campaign that arrive while earlier ones are being
// committed wait together and share the next transaction: one campaign
// check, multi-row inserts, one audit head update, one commit. Each caller
// is answered only after that commit, so an acknowledged form is as
// durable as before. Nothing here is shared between processes: the queue
// only gathers this process's callers, and every rule (the campaign open,
// one response per idempotency key) is still the database's to enforce.

// maxGroup bounds the forms one transaction carries: enough to share a
// flush among a crowd of kiosks, small enough that a transaction stays
// short (about 5 MB of answers) and a failed group is cheap to replay form
// by form.
const maxGroup = 64

// committers is how many groups of one campaign may be in flight at once:
// while one waits for its commit, the next is prepared and sent, so the
// processor is not idle during the flush.
const committers = 2

// pendingForm is a submission waiting for its group's commit.
type pendingForm struct {
	sub  Submission
	done chan formOutcome // receives exactly one outcome
}

// formOutcome is what a group's commit tells one of its forms.
type formOutcome struct {
	receipt Receipt
	// alone says the group could not take this form (invalid, its group's
	// transaction failed, the campaign closed): the caller submits it in a
	// transaction of its own, which gives it exactly the answer it would
	// have had without grouping.
	alone bool
}

// groupQueue holds the waiting forms of each campaign and counts its
// committers.
type groupQueue struct {
	mu      sync.Mutex
	waiting map[string][]*pendingForm // by campaign code
	running map[string]int
}

// add queues a form and, if the campaign has a free committer slot, starts
// a committer that runs commit on groups of waiting forms until none wait.
func (q *groupQueue) add(code string, p *pendingForm, commit func(code string, group []*pendingForm)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.waiting == nil {
		q.waiting, q.running = map[string][]*pendingForm{}, map[string]int{}
	}
	q.waiting[code] = append(q.waiting[code], p)
	if q.running[code] < committers {
		q.running[code]++
		go q.drain(code, commit)
	}
}

func (q *groupQueue) drain(code string, commit func(code string, group []*pendingForm)) {
	for {
		group := q.next(code)
		if group == nil {
			return
		}
		commit(code, group)
	}
}

// next takes up to maxGroup waiting forms of a campaign, or, when none
// wait, retires the committer and returns nil.
func (q *groupQueue) next(code string) []*pendingForm {
	q.mu.Lock()
	defer q.mu.Unlock()
	w := q.waiting[code]
	if len(w) == 0 {
		if q.running[code]--; q.running[code] == 0 {
			delete(q.running, code)
			delete(q.waiting, code)
		}
		return nil
	}
	n := min(len(w), maxGroup)
	group := make([]*pendingForm, n)
	copy(group, w)
	rest := copy(w, w[n:])
	clear(w[rest:])
	q.waiting[code] = w[:rest]
	return group
}
