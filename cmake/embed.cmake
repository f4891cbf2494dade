# Writes OUTPUT, a C file defining `const char SYMBOL[]` with the bytes of
# INPUT and a terminating NUL, so the binary carries its schema with it.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "/* generated from ${INPUT} by cmake/embed.cmake */\nconst char ${SYMBOL}[] = {\n${bytes}0x00};\n")
