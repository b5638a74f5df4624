package demo

// categories and units of the demo campaign: 82 municipal units in five
// categories, as a prefecture-level city's evaluation lists them. Names
// carry no city: the data are synthetic.
var categories = []struct {
	code, name string
	// visibility is how likely a member of the public is to know a unit of
	// this category well enough to rate it.
	visibility float64
	units      []string
}{
	{"enforcement", "执法监管类", 0.45, []string{
		"市公安局", "市市场监督管理局", "市生态环境局", "市应急管理局", "市交通运输局",
		"市城市管理和综合执法局", "市自然资源局", "市住房和城乡建设局", "市卫生健康局", "市司法局",
		"市税务局", "市消防救援支队", "市海关", "市海事局", "市烟草专卖局",
		"市林业局", "市水务局"}},
	{"economy", "经济发展类", 0.25, []string{
		"市发展和改革局", "市工业和信息化局", "市商务局", "市农业农村局", "市科学技术局",
		"市财政局", "市国有资产监督管理委员会", "市统计局", "市地方金融监督管理局", "市投资促进局",
		"市审计局", "市供销合作联社", "市粮食和物资储备局", "市乡村振兴局", "市海洋发展局",
		"市港口管理局"}},
	{"service", "社会服务类", 0.5, []string{
		"市教育局", "市人力资源和社会保障局", "市民政局", "市退役军人事务局", "市文化广电旅游体育局",
		"市医疗保障局", "市住房公积金管理中心", "市社会保险基金管理局", "市残疾人联合会", "市妇女联合会",
		"市总工会", "共青团市委", "市红十字会", "市科学技术协会", "市人民医院",
		"市疾病预防控制中心", "市公共资源交易中心", "市信访局"}},
	{"administration", "综合管理类", 0.15, []string{
		"市委办公室", "市政府办公室", "市纪委监委", "市委组织部", "市委宣传部",
		"市委统战部", "市委政法委", "市委政策研究室", "市委机构编制委员会办公室", "市直机关工委",
		"市档案馆", "市机关事务管理局", "市政务服务数据管理局", "市委党校", "市委老干部局",
		"市外事局"}},
	{"utilities", "公共服务企业及垂直管理单位", 0.55, []string{
		"市供电局", "中国移动市分公司", "中国电信市分公司", "中国联通市分公司", "市邮政管理局",
		"中国邮政市分公司", "市供水有限公司", "市燃气有限公司", "市公共交通有限公司", "市气象局",
		"人民银行市分行", "金融监管总局市监管分局", "市港务集团", "市通信发展管理办公室", "市广播电视台"}},
}

// districts are the public group's strata, with the design weight a
// response from each carries (population share over sample share).
var districts = []struct {
	name   string
	share  float64 // of the public sample
	weight float64
}{
	{"江城区", 0.34, 1.0}, {"阳东区", 0.18, 1.2}, {"阳春市", 0.2, 1.6},
	{"阳西县", 0.14, 1.3}, {"海陵试验区", 0.06, 0.7}, {"高新区", 0.08, 0.6},
}

var comments = []string{
	"办事效率有明显提高，希望继续保持。",
	"窗口工作人员态度很好，耐心解答问题。",
	"网上办理流程还是有点复杂，建议简化材料。",
	"排队时间太长，建议增加周末服务窗口。",
	"电话经常打不通，希望改进咨询热线。",
	"执法比较规范，但是告知不够清楚。",
	"希望政务公开做得更及时一些。",
	"整体满意，个别工作人员需要加强服务意识。",
}
