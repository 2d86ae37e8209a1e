import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type LocationSource = 'explicit' | 'postal_code';

@Entity('therapist_profile')
export class TherapistProfile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') firstName!: string;
  @Column('text', { nullable: true }) middleName!: string | null;
  @Column('text') lastName!: string;
  @Column('text') displayName!: string;
  @Column('text') bio!: string;
  @Column('text', { nullable: true }) practiceName!: string | null;
  @Column('text', { nullable: true }) addressLine!: string | null;
  @Column('text') city!: string;
  @Column('text') region!: string;
  @Column('text') postalCode!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('double precision') lat!: number;
  @Column('double precision') lng!: number;
  @Column('text') locationSource!: LocationSource;
  @Column('text', { array: true }) languages!: string[];
  @Column('integer', { array: true }) sessionLengths!: number[];
  @Column('boolean') acceptingNewClients!: boolean;
  @Column('timestamptz') acceptingNewClientsConfirmedAt!: Date;
  @Column('integer', { nullable: true }) priceMin!: number | null;
  @Column('integer', { nullable: true }) priceMax!: number | null;
  @Column('char', { length: 3, nullable: true }) priceCurrency!: string | null;
  @Column('text', { nullable: true }) contactPhone!: string | null;
  @Column('text', { nullable: true }) contactWebsite!: string | null;
  @Column('text', { nullable: true }) contactEmail!: string | null;
  @Column('boolean') published!: boolean;
  @Column('integer') version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
