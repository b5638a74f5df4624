package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/tabular"
)

// RowWriter takes the rows of a table being downloaded.
type RowWriter interface {
	Write(cells []string) error
}

var tableTypes = map[tabular.Format]string{
	tabular.CSV:  "text/csv; charset=utf-8",
	tabular.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// TableFormat reads the format query parameter (csv by default).
func TableFormat(c *gin.Context) (tabular.Format, error) {
	format := tabular.Format(c.DefaultQuery("format", "csv"))
	if _, ok := tableTypes[format]; !ok {
		return "", fault.WithProblems([]fault.Problem{fault.P("format", "format must be csv or xlsx")}, "the request has %d problems", 1)
	}
	return format, nil
}

// SendTable streams a staff export as name.csv or name.xlsx, its text
// cells neutralised (tabular.NewStaffExport). With wideFixed > 0 it is a
// wide table whose XLSX continues on further sheets past Excel's limits,
// repeating its first wideFixed columns. A failure before the first byte
// is answered as an error (a page or JSON, as the route is); after it,
// the connection breaks, so that a cut file never looks whole.
func (s *Server) SendTable(c *gin.Context, name string, format tabular.Format, wideFixed int, write func(RowWriter) error) {
	c.Header("Content-Type", tableTypes[format])
	c.Header("Content-Disposition", `attachment; filename="`+name+`.`+string(format)+`"`)
	NoStore(c)
	var w interface {
		RowWriter
		Close() error
		Abort()
	}
	var err error
	if wideFixed > 0 {
		w, err = tabular.NewWideWriter(c.Writer, format, wideFixed)
	} else {
		w, err = tabular.NewStaffExport(c.Writer, format)
	}
	if err == nil {
		if err = write(w); err == nil {
			err = w.Close()
		} else {
			w.Abort()
		}
	}
	if err != nil {
		if !c.Writer.Written() {
			for _, h := range []string{"Content-Type", "Content-Disposition"} {
				c.Writer.Header().Del(h)
			}
			s.Fail(c, err)
			return
		}
		s.Log.ErrorContext(c, "export cut short", "request_id", RequestID(c), "err", err)
		panic(http.ErrAbortHandler)
	}
}
