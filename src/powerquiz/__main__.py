from powerquiz.cli import main

main()
