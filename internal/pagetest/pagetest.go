// Package pagetest makes seoplan.Page values for tests that must see every
// field of a Page go through a store, a reader or an export.
package pagetest

import (
	"fmt"
	"reflect"
	"time"

	"github.com/seoplan/seoplan"
)

// Filled returns a Page whose every field, nested ones included, holds a
// value other than its zero value, found by reflection: a field added to
// seoplan.Page is filled without an edit here, so a test comparing what
// comes back cannot miss it. Strings name their field (prefixed with
// url), numbers differ from field to field, bools are true, and each list
// holds two elements.
func Filled(url string) seoplan.Page {
	var p seoplan.Page
	n := 0
	fill(reflect.ValueOf(&p).Elem(), url, "", &n)
	p.URL = url
	return p
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

func fill(v reflect.Value, url, name string, n *int) {
	*n++
	switch {
	case v.Type() == durationType:
		// Stored as milliseconds in a REAL: whole microseconds come back exact.
		v.SetInt(int64(*n) * int64(1500*time.Microsecond))
		return
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 11, 23, 12, 0, *n, 123456789, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s#%s-%d", url, name, *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), url, v.Type().Field(i).Name, n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), url, fmt.Sprintf("%s%d", name, i), n)
		}
		v.Set(s)
	default:
		panic(fmt.Sprintf("pagetest: no way to fill %s of kind %s", name, v.Kind()))
	}
}
