{{.DropIndex "units_register" "units"}};
