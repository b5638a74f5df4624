//go:build tools

// Package main pins the dependencies the packages below will use while the
// foundation is being built; removed once real imports hold them.
package main

import (
	_ "github.com/gin-gonic/gin"
	_ "github.com/glebarez/sqlite"
	_ "github.com/go-playground/validator/v10"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/crypto/argon2"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/gonum/mathext/prng"
	_ "gonum.org/v1/gonum/stat"
	_ "gorm.io/driver/mysql"
	_ "gorm.io/gorm"
)
