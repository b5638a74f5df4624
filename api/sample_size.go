package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/phone"
	"pingyi/sampling"
)

// sampleSizeRequest is the calculator's input; percentages are fractions.
// web/phone_sample_size.go is its page.
type sampleSizeRequest struct {
	Margin       float64 `json:"margin"`
	Confidence   float64 `json:"confidence"`
	Population   int     `json:"population"`
	Proportion   float64 `json:"proportion"`
	SD           float64 `json:"sd"`
	ResponseRate float64 `json:"response_rate"`
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
	return phone.SampleSize(sampling.SampleSizeInput{Margin: in.Margin, Confidence: in.Confidence,
		Population: in.Population, Proportion: in.Proportion, SD: in.SD, ResponseRate: in.ResponseRate})
}

func (s *Server) sampleSizeJSON(c *gin.Context) {
	var in sampleSizeRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	p, err := sampleSize(in)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sampleSizeJSON{Z: p.Z, Proportion: p.Proportion, N0: p.N0, N: p.N, Completes: p.Completes, Contacts: p.Contacts, Capped: p.Capped})
}
