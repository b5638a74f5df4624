package api

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"pingyi/responses"
)

// Submissions are read by hand. A form of 82 units × 4 indicators is 17 KB
// of JSON holding 328 small objects, and reading them through
// encoding/json — which scans a body to check it, scans it again to decode
// it by reflection, and allocates every string — was a third of the CPU a
// submission cost. The scanner below reads the JSON that clients send: it
// declines anything it does not know (an unknown key, a value of the wrong
// type, broken syntax), and then encoding/json and validation.DecodeStrict
// read the body and name each problem. What it accepts, encoding/json
// would decode to the same values (TestTheScannerAgreesWithEncodingJSON).

// scanSubmission reads a submission body, or says it cannot.
func scanSubmission(data []byte) (submissionRequest, bool) {
	var req submissionRequest
	if !utf8.Valid(data) { // encoding/json mends it
		return req, false
	}
	s := scanner{data: data, seen: map[string]string{}}
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "group":
			return s.string(&req.Group)
		case "token":
			return s.string(&req.Token)
		case "idempotency_key":
			return s.string(&req.IdempotencyKey)
		case "answers":
			return s.answers(&req.Answers)
		case "comments":
			return s.comments(&req.Comments)
		case "started_at":
			return s.optionalString(&req.StartedAt)
		case "channel":
			var ch *string
			if !s.optionalString(&ch) {
				return false
			}
			req.Channel = nil
			if ch != nil {
				c := responses.Channel(*ch)
				req.Channel = &c
			}
			return true
		case "stratum":
			return s.optionalString(&req.Stratum)
		case "weight":
			return s.optionalNumber(&req.Weight)
		}
		return false
	})
	return req, ok && s.end()
}

// scanner reads JSON from data. seen holds the strings read so far, so
// that a code repeated across a form (a unit on each indicator, an option
// on many cells) is allocated once.
type scanner struct {
	data []byte
	pos  int
	seen map[string]string
}

// object reads {"key": value, ...}, letting field read each value.
func (s *scanner) object(field func(key []byte) bool) bool {
	if !s.byte('{') {
		return false
	}
	if s.byte('}') {
		return true
	}
	for {
		key, ok := s.key()
		if !ok || !s.byte(':') || !field(key) {
			return false
		}
		if s.byte('}') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

// answers reads the answers array, each answer straight into its place in
// the list: this is the loop that runs 328 times a form.
func (s *scanner) answers(out *[]responses.Answer) bool {
	if s.literal("null") {
		*out = nil
		return true
	}
	if !s.byte('[') {
		return false
	}
	// Room for as many answers as the rest of the body has objects, which
	// a form's answers nearly are (growing the list by doubling copied it
	// three times a form), but no more than a large form's, whatever a
	// body of braces claims.
	list := make([]responses.Answer, 0, min(bytes.Count(s.data[s.pos:], []byte{'{'}), maxPresizedAnswers))
	if !s.byte(']') {
		for {
			list = append(list, responses.Answer{})
			if !s.answer(&list[len(list)-1]) {
				return false
			}
			if s.byte(']') {
				break
			}
			if !s.byte(',') {
				return false
			}
		}
	}
	*out = list
	return true
}

// maxPresizedAnswers is a large form's units × indicators; a larger form
// grows its list past it as any list grows.
const maxPresizedAnswers = 4096

// answer is object written out for an answer: with a closure per answer,
// as object takes, each answer would cost two allocations more.
func (s *scanner) answer(a *responses.Answer) bool {
	if !s.byte('{') {
		return false
	}
	if s.byte('}') {
		return true
	}
	for {
		key, ok := s.key()
		if !ok || !s.byte(':') {
			return false
		}
		var dst *string
		switch string(key) {
		case "unit":
			dst = &a.Unit
		case "indicator":
			dst = &a.Indicator
		case "option":
			dst = &a.Option
		default:
			return false
		}
		if !s.string(dst) {
			return false
		}
		if s.byte('}') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

func (s *scanner) comments(out *map[string]string) bool {
	if s.literal("null") {
		*out = nil
		return true
	}
	m := map[string]string{}
	ok := s.object(func(key []byte) bool {
		var v string
		if !s.string(&v) {
			return false
		}
		m[string(key)] = v
		return true
	})
	*out = m
	return ok
}

func (s *scanner) optionalString(out **string) bool {
	if s.literal("null") {
		*out = nil
		return true
	}
	var v string
	if !s.string(&v) {
		return false
	}
	*out = &v
	return true
}

// optionalNumber reads a number (or null), leaving its syntax to
// encoding/json: only staff send one.
func (s *scanner) optionalNumber(out **float64) bool {
	if s.literal("null") {
		*out = nil
		return true
	}
	s.space()
	start := s.pos
	for s.pos < len(s.data) && bytes.IndexByte([]byte("+-.0123456789eE"), s.data[s.pos]) >= 0 {
		s.pos++
	}
	var v float64
	if s.pos == start || json.Unmarshal(s.data[start:s.pos], &v) != nil {
		return false
	}
	*out = &v
	return true
}

// key reads an object's key, as bytes; a key with escapes is declined.
func (s *scanner) key() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.pos
	for ; s.pos < len(s.data); s.pos++ {
		switch c := s.data[s.pos]; {
		case c == '\\' || c < 0x20:
			return nil, false
		case c == '"':
			s.pos++
			return s.data[start : s.pos-1], true
		}
	}
	return nil, false
}

// string reads a string. One with escapes is read by encoding/json.
func (s *scanner) string(out *string) bool {
	if !s.byte('"') {
		return false
	}
	start, escaped := s.pos, false
	for ; s.pos < len(s.data); s.pos++ {
		switch c := s.data[s.pos]; {
		case c == '\\':
			escaped = true
			s.pos++
		case c < 0x20:
			return false
		case c == '"':
			raw := s.data[start:s.pos]
			s.pos++
			if escaped {
				return json.Unmarshal(s.data[start-1:s.pos], out) == nil
			}
			if v, ok := s.seen[string(raw)]; ok {
				*out = v
				return true
			}
			*out = string(raw)
			if len(s.seen) < 1024 {
				s.seen[*out] = *out
			}
			return true
		}
	}
	return false
}

// byte skips white space and then c, if c is next.
func (s *scanner) byte(c byte) bool {
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

func (s *scanner) literal(word string) bool {
	s.space()
	if bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		s.pos += len(word)
		return true
	}
	return false
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) end() bool {
	s.space()
	return s.pos == len(s.data)
}
