{{.DropIndex "responses_campaign" "responses"}};
