from clerk_app.cli import main

raise SystemExit(main())
