#include <stdio.h>
/* entry */
int main(int argc, char **argv) {
    printf("%s\n", argv[0]); // print
    return 0;
}
