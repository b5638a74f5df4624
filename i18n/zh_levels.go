package i18n

// zhLevels: departments, their stations and windows (issue 11, levels).
var zhLevels = map[string]string{
	"level %d": "第%d级",
	"Stations: %d, %d with an index, mean %s, lowest %s": "下属站所 %d 个，%d 个有指数，加权平均 %s，最低 %s",
	"Stations":     "下属站所",
	"A station of": "所属单位：",
	"Stations are ranked among the units of their category and level, never against their department; their results do not change its index.": "站所在同类别、同层级的单位之间排名，不与所属部门比较；站所的结果不改变部门的指数。",
}
