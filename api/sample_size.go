package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
)

// sampleSizeRequest is the calculator's form; percentages are fractions.
type sampleSizeRequest struct {
	Margin       float64 `json:"margin" form:"margin"`
	Confidence   float64 `json:"confidence" form:"confidence"`
	Population   int     `json:"population" form:"population"`
	Proportion   float64 `json:"proportion" form:"proportion"`
	SD           float64 `json:"sd" form:"sd"`
	ResponseRate float64 `json:"response_rate" form:"response_rate"`
}

type sampleSizeJSON struct {
	Z          float64 `json:"z"`
	Proportion float64 `json:"proportion"`
	N0         float64 `json:"n0"`
	N          float64 `json:"n"`
	Completes  int     `json:"completes"`
	Contacts   int     `json:"contacts"`
	Capped     bool    `json:"capped"`
}

func sampleSize(in sampleSizeRequest) (sampling.SampleSizePlan, error) {
	plan, err := sampling.CalculateSampleSize(sampling.SampleSizeInput{Margin: in.Margin, Confidence: in.Confidence,
		Population: in.Population, Proportion: in.Proportion, SD: in.SD, ResponseRate: in.ResponseRate})
	switch {
	case errors.Is(err, sampling.ErrResponseRate):
		return plan, fault.WithProblems([]fault.Problem{fault.P("response_rate", "the expected response rate must be above 0 and at most 1")}, "the sample size cannot be computed")
	case errors.Is(err, sampling.ErrSampleSizeTooLarge):
		return plan, fault.WithProblems([]fault.Problem{fault.P("margin", "the margin of error or the response rate asks for more than %d interviews or contacts: widen the margin", sampling.MaxSampleSize)}, "the sample size cannot be computed")
	case err != nil:
		return plan, fault.Invalidf("the sample size cannot be computed: the margin must be above 0, the confidence between 0 and 1, the population 0 or more, and either a proportion below 1 or a standard deviation, not both")
	}
	return plan, nil
}

func (s *Server) sampleSizeJSON(c *gin.Context) {
	var in sampleSizeRequest
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	p, err := sampleSize(in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sampleSizeJSON{Z: p.Z, Proportion: p.Proportion, N0: p.N0, N: p.N, Completes: p.Completes, Contacts: p.Contacts, Capped: p.Capped})
}

type sampleSizePage struct {
	In   sampleSizeRequest
	Plan *sampling.SampleSizePlan
	Q    float64 // 1 − p, for the working
}

// sampleSizeCalculator shows the calculator, and its working once the
// form has been sent (a GET form: nothing changes).
func (s *Server) sampleSizeCalculator(c *gin.Context) {
	d := sampleSizePage{In: sampleSizeRequest{Margin: 0.05, Confidence: 0.95, ResponseRate: 0.3}}
	status := http.StatusOK
	if c.Query("margin") != "" {
		if err := c.ShouldBindQuery(&d.In); err != nil {
			c.Set(ctxPageError, i18n.T(langOf(c), "Every field must be a number."))
			status = http.StatusUnprocessableEntity
		} else if p, err := sampleSize(d.In); err != nil {
			e, _ := fault.As(err)
			c.Set(ctxPageError, e.Text(langOf(c)))
			status = http.StatusUnprocessableEntity
		} else {
			d.Plan, d.Q = &p, 1-p.Proportion
		}
	}
	s.page(c, status, "sample_size", i18n.T(langOf(c), "Sample size"), d)
}
