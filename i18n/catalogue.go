package i18n

// catalogue maps English texts to Chinese. Each area of the product keeps
// its texts in its own file (zh_*.go), merged here.
var catalogue = merge(zhCommon, zhAccount, zhCampaign)

func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("i18n: text translated twice: " + k)
			}
			out[k] = v
		}
	}
	return out
}
