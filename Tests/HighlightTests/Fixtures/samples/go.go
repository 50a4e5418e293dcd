package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Printf("%d\n", i) // count
	}
}
