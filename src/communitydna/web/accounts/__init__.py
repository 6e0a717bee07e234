"""People, workspaces, memberships, invitations, and who may do what."""
