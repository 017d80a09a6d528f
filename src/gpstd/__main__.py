from gpstd.cli import main

main()
