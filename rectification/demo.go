package rectification

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"pingyi/audit"
)

// DemoInput is what the demo gives: a published campaign's units and the
// people who act. Opened is when the tasks open; it should lie two months
// or more in the past, so the demo's history has happened.
type DemoInput struct {
	Campaign string
	Version  int
	Units    []string // unit codes, at least one
	Opened   time.Time
	Member   audit.Actor // a committee member
	Liaison  audit.Actor // the liaison who reports for every unit in the demo
	// Case is the appeal case number the appeal scene names, one the
	// ledger knows; empty: DEMO-2025-0001.
	Case string
}

// demoScene is one task's story, in days after the opening.
type demoScene struct {
	problem, measures string
	source            Source
	days              int // deadline in working days
	play              func(d *demoPlay) error
}

// Demo creates, always the same way, one task per scene below for the
// units in turn: closed on time with a photo, closed on time with a PDF,
// closed late, returned and re-submitted, open and overdue, in progress
// and overdue, in progress within its deadline, and from an appeal case
// closed with the person's answer.
func Demo(ctx context.Context, s *Store, in DemoInput) error {
	if len(in.Units) == 0 {
		return fmt.Errorf("demo: no units")
	}
	for i, sc := range demoScenes() {
		unit := in.Units[i%len(in.Units)]
		opened := in.Opened.Add(time.Duration(i) * time.Minute)
		if sc.source.Kind == FromAppeal && in.Case != "" {
			sc.source.Case = in.Case
		}
		id, err := s.at(opened).OpenTask(ctx, in.Member, NewTask{Campaign: in.Campaign, Version: in.Version, Unit: unit,
			Problem: sc.problem, Source: sc.source, Measures: sc.measures, Deadline: Deadline{WorkingDays: sc.days}})
		if err != nil {
			return err
		}
		if sc.play == nil {
			continue
		}
		if err := sc.play(&demoPlay{ctx: ctx, s: s, in: in, unit: unit, id: id, opened: opened}); err != nil {
			return err
		}
	}
	return nil
}

// demoPlay acts on one task, each step some days after its opening.
type demoPlay struct {
	ctx    context.Context
	s      *Store
	in     DemoInput
	unit   string
	id     int64
	opened time.Time
}

func (p *demoPlay) day(n int) *Store {
	return p.s.at(p.opened.Add(time.Duration(n)*24*time.Hour + time.Hour))
}

func (p *demoPlay) report(n int, text string) error {
	return p.day(n).Report(p.ctx, p.in.Liaison, p.unit, p.id, text)
}

func (p *demoPlay) evidence(n int, text string, files ...Upload) error {
	return p.day(n).AddEvidence(p.ctx, p.in.Liaison, p.unit, p.id, text, files)
}

func (p *demoPlay) askToClose(n int) error {
	return p.day(n).RequestClose(p.ctx, p.in.Liaison, p.unit, p.id, "整改已完成，申请销号")
}

func (p *demoPlay) accept(n int) error {
	return p.day(n).Accept(p.ctx, p.in.Member, p.id, "佐证材料齐全，同意销号")
}

// closeWith reports, gives evidence, asks to close and is accepted.
func (p *demoPlay) closeWith(done int, file Upload) error {
	for _, step := range []func() error{
		func() error { return p.report(3, "已制定整改方案，明确责任人和时限") },
		func() error { return p.evidence(done-1, "整改完成情况说明及现场照片", file) },
		func() error { return p.askToClose(done - 1) },
		func() error { return p.accept(done) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func demoScenes() []demoScene {
	return []demoScene{
		{problem: "窗口办事排队时间长，群众反映等候超过一小时", measures: "增设综合受理窗口，推行预约办理", source: Source{Kind: FromTier}, days: 20,
			play: func(p *demoPlay) error { return p.closeWith(15, Upload{Name: "窗口现场.png", Content: DemoPNG(1)}) }},
		{problem: "办事指南与实际要求不一致", measures: "全面梳理并更新办事指南，网上同步公开", source: Source{Kind: FromIndicator, Indicator: "transparency"}, days: 15,
			play: func(p *demoPlay) error {
				return p.closeWith(10, Upload{Name: "办事指南修订稿.pdf", Content: DemoPDF("guide")})
			}},
		{problem: "投诉电话长期无人接听", measures: "安排专人值守，建立来电登记和回复制度", source: Source{Kind: FromClue, Text: "特约监督员暗访发现投诉电话连续三天无人接听"}, days: 10,
			play: func(p *demoPlay) error {
				return p.closeWith(30, Upload{Name: "值班表.pdf", Content: DemoPDF("duty roster")})
			}},
		{problem: "审批时限超过承诺时限", measures: "压缩审批环节，公开承诺时限并接受监督", source: Source{Kind: FromIndicator, Indicator: "efficiency"}, days: 30,
			play: func(p *demoPlay) error {
				for _, step := range []func() error{
					func() error {
						return p.evidence(10, "已修订审批流程", Upload{Name: "流程图.png", Content: DemoPNG(2)})
					},
					func() error { return p.askToClose(10) },
					func() error {
						return p.day(12).Return(p.ctx, p.in.Member, p.id, "佐证材料只有流程图，缺少实际办理时限的统计")
					},
					func() error {
						return p.evidence(20, "补充近一个月审批办理时限统计", Upload{Name: "时限统计.pdf", Content: DemoPDF("statistics")})
					},
					func() error { return p.askToClose(20) },
				} {
					if err := step(); err != nil {
						return err
					}
				}
				return nil
			}},
		{problem: "工作人员服务态度生硬", measures: "开展服务礼仪培训，建立群众评价制度", source: Source{Kind: FromComment, Text: "窗口工作人员态度生硬，问两句就不耐烦"}, days: 10},
		{problem: "政务公开栏信息更新不及时", measures: "明确专人每周更新公开栏", source: Source{Kind: FromTier}, days: 15,
			play: func(p *demoPlay) error { return p.report(5, "已明确专人负责，正在整理需公开的信息") }},
		{problem: "网上办事系统经常无法登录", measures: "排查系统故障，升级服务器", source: Source{Kind: FromIndicator, Indicator: "efficiency"}, days: 250,
			play: func(p *demoPlay) error { return p.report(4, "已联系系统开发单位排查故障") }},
		{problem: "小区路灯损坏长期未修复", measures: "限期修复并建立巡查制度", source: Source{Kind: FromAppeal, Case: "DEMO-2025-0001", Text: "小区路灯损坏"}, days: 10,
			play: func(p *demoPlay) error {
				if err := p.closeWith(8, Upload{Name: "修复后.png", Content: DemoPNG(3)}); err != nil {
					return err
				}
				return p.day(9).AnswerFollowUp(p.ctx, p.in.Member, p.id, Satisfied)
			}},
	}
}

// DemoPNG is a small PNG (16×16, a colour from shade), always the same bytes.
func DemoPNG(shade int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	c := color.RGBA{R: uint8(40 * shade), G: 120, B: uint8(200 - 30*shade), A: 255}
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding to memory does not fail
	}
	return b.Bytes()
}

// DemoPDF is a minimal one-page PDF naming what it stands for.
func DemoPDF(title string) []byte {
	content := fmt.Sprintf("BT /F1 12 Tf 20 40 Td (%s) Tj ET", title)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
