package api

import (
	"context"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/review"
	"pingyi/survey"
)

// ReviewStore is what the review console, the public pages and the
// liaison's page need of the committee's review.
type ReviewStore interface {
	Flags(ctx context.Context, code string, run *results.Run) (*review.Report, error)
	Settings(ctx context.Context, code string) (review.Settings, error)
	SaveSettings(ctx context.Context, code string, in review.Settings, actor string) error
	Approve(ctx context.Context, code string, runID int64, by account.User) error
	Withdraw(ctx context.Context, code string, runID int64, by account.User) error
	Status(ctx context.Context, code string, run *results.Run) (*review.RunStatus, error)
	Publish(ctx context.Context, code string, in review.PublishRequest, by account.User) (*review.Publication, error)
	Versions(ctx context.Context, code string) ([]review.Publication, error)
	Head(ctx context.Context, code string, version int) (*review.Publication, error)
	Get(ctx context.Context, code string, version int) (*review.Publication, *review.Content, error)
	Previous(ctx context.Context, c survey.Campaign) (*survey.Campaign, *review.Publication, *review.Content, error)
	RunOf(ctx context.Context, code string, p *review.Publication) (*results.Run, error)
}

// ResponseReview is what the console needs of the responses themselves:
// the committee's exclusions and what respondents said about a unit.
type ResponseReview interface {
	Exclude(ctx context.Context, code string, in responses.ExclusionRequest, by responses.Staff) (responses.ExclusionResult, error)
	RevokeExclusion(ctx context.Context, code string, id int64, reason string, by responses.Staff) error
	RevokeBatch(ctx context.Context, code, batch, reason string, by responses.Staff) (int, error)
	Exclusions(ctx context.Context, code string) ([]responses.ExclusionRecord, error)
	AnswersAbout(ctx context.Context, st *survey.Structure, unit int, asOf time.Time) (responses.UnitAnswers, error)
}

// Who may do what in the review, beyond the common lists in auth.go:
// only committee members exclude, approve and publish (the SPEC's
// committee "approves by quorum, publishes"); administrators run scores
// and set the review's parameters; a liaison sees its own unit.
var (
	committeeOnly = access{account.Committee}
	liaisons      = access{account.Liaison}
)

// staffOf is the signed-in member as the survey records actors.
func staffOf(c *gin.Context) responses.Staff {
	u, _ := currentUser(c)
	return responses.Staff{ID: u.ID, Login: u.Login}
}

// queryID reads an optional numeric query parameter; 0 when absent.
func queryID(c *gin.Context, name string) (int64, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	return positiveID(name, v)
}

func positiveID(name, v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.Malformedf("%s must be a positive whole number", name)
	}
	return id, nil
}

// pathVersion reads the :version of a public URL.
func pathVersion(c *gin.Context) (int, error) {
	v, err := strconv.Atoi(c.Param("version"))
	if err != nil || v <= 0 {
		return 0, fault.NotFoundf("no such version")
	}
	return v, nil
}

// runOrLatest returns a campaign's run with this id, or with id 0 its
// latest run: nil when the campaign has no run yet.
func (s *Server) runOrLatest(c *gin.Context, code string, id int64) (*results.Run, error) {
	if id == 0 {
		runs, err := s.Runs.List(c, code)
		if err != nil || len(runs) == 0 {
			return nil, err
		}
		id = runs[0].ID
	}
	return s.Runs.Get(c, code, id)
}
