//! EnableAWSOrganizationsAccess, DisableAWSOrganizationsAccess, GetAWSOrganizationsAccessStatus.
