//! What Control Tower names and keeps with its Account Factory (provisioning.md §21.1): the
//! portfolio's and product's names, their owner, the OU parameter and the template.

/// The portfolio's DisplayName (AFT `ACCOUNT_FACTORY_PORTFOLIO_NAME`).
pub const PORTFOLIO_NAME: &str = "AWS Control Tower Account Factory Portfolio";
/// The product's Name, also every artifact's (AFT locals.tf, LZA, IDEALO; TF-24362).
pub const PRODUCT_NAME: &str = "AWS Control Tower Account Factory";
/// The product's Owner and the portfolio's ProviderName (CTLIB searches by it).
pub const OWNER: &str = "AWS Control Tower";
/// The OU parameter.
pub(crate) const OU_PARAMETER: &str = "ManagedOrganizationalUnit";

/// The template Control Tower keeps with the product (GRUNT, copied from a real landing
/// zone): six String parameters without defaults, and a wait condition standing for the work
/// Control Tower does. `ManagedOrganizationalUnit`'s AllowedValues are filled in on read.
pub(crate) const TEMPLATE: &str = r"AWSTemplateFormatVersion: '2010-09-09'
Description: AWS Control Tower Account Factory Template (DO NOT DELETE)
Parameters:
  AccountName:
    Type: String
    AllowedPattern: '.+'
    ConstraintDescription: AccountName is required
    Description: Account name, the new managed Account will be created with this name.
  AccountEmail:
    Type: String
    AllowedPattern: '[^\s@]+@[^\s@]+\.[^\s@]+'
    ConstraintDescription: Account email must be a valid email address
    Description: Account email, must be unique for each AWS Account.
  SSOUserFirstName:
    Type: String
    AllowedPattern: '.+'
    ConstraintDescription: SSO user first name is required
    Description: SSO user first name.
  SSOUserLastName:
    Type: String
    AllowedPattern: '.+'
    ConstraintDescription: SSO user last name is required
    Description: SSO user last name.
  SSOUserEmail:
    Type: String
    AllowedPattern: '[^\s@]+@[^\s@]+\.[^\s@]+'
    ConstraintDescription: SSO user email must be a valid email address
    Description: SSO user email. A new SSO user will be created for this email, if it does not exist. This SSO user will be associated with the new managed Account.
  ManagedOrganizationalUnit:
    Type: String
    AllowedPattern: '.+'
    ConstraintDescription: Managed organizational unit is required
    Description: Managed organizational unit for the managed Account. This field cannot be modified after the account is provisioned.
Resources:
  WaitConditionHandle:
    Type: AWS::CloudFormation::WaitConditionHandle
  WaitCondition:
    Type: AWS::CloudFormation::WaitCondition
    Properties:
      Handle: !Ref WaitConditionHandle
      Timeout: '1'
      Count: 0
";
