import { describeImport } from "./support/import-suite.js";

describeImport("sqlite");
