package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/sampling"
)

// sampleSizeRequest is the calculator's form (a GET form: nothing
// changes); percentages are fractions. api/sample_size.go is its JSON twin.
type sampleSizeRequest struct {
	Margin       float64 `form:"margin"`
	Confidence   float64 `form:"confidence"`
	Population   int     `form:"population"`
	Proportion   float64 `form:"proportion"`
	SD           float64 `form:"sd"`
	ResponseRate float64 `form:"response_rate"`
}

func sampleSize(in sampleSizeRequest) (sampling.SampleSizePlan, error) {
	return phone.SampleSize(sampling.SampleSizeInput{Margin: in.Margin, Confidence: in.Confidence,
		Population: in.Population, Proportion: in.Proportion, SD: in.SD, ResponseRate: in.ResponseRate})
}

type sampleSizePage struct {
	In   sampleSizeRequest
	Plan *sampling.SampleSizePlan
	Q    float64 // 1 − p, for the working
}

// sampleSizeCalculator shows the calculator, and its working once the
// form has been sent (a GET form: nothing changes).
func (s *Site) sampleSizeCalculator(c *gin.Context) {
	d := sampleSizePage{In: sampleSizeRequest{Margin: 0.05, Confidence: 0.95, ResponseRate: 0.3}}
	status := http.StatusOK
	if c.Query("margin") != "" {
		if err := c.ShouldBindQuery(&d.In); err != nil {
			httpx.SetPageError(c, i18n.T(httpx.Lang(c), "Every field must be a number."))
			status = http.StatusUnprocessableEntity
		} else if p, err := sampleSize(d.In); err != nil {
			e, _ := fault.As(err)
			httpx.SetPageError(c, e.Text(httpx.Lang(c)))
			status = http.StatusUnprocessableEntity
		} else {
			d.Plan, d.Q = &p, 1-p.Proportion
		}
	}
	s.Render(c, status, "sample_size", i18n.T(httpx.Lang(c), "Sample size"), d)
}
