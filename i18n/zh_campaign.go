package i18n

var zhCampaign = map[string]string{}
