package i18n

// zhDrawPub: the phone draw's files frozen with each published version.
var zhDrawPub = map[string]string{
	"version %d of campaign %q has no %s: it was published before the phone draw was executed, or before the draw's files were kept with each version; the draw as it stands now is on /p/%s/draw": "测评 %[2]q 的第 %[1]d 版没有 %[3]s：该版本发布于电话抽样执行之前，或发布于每个版本保存抽样文件之前；抽样的当前状态见 /p/%[4]s/draw",
}
